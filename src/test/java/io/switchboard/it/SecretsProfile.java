package io.switchboard.it;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The test setup with a distinctive value for every secret, DEBUG logging for the service, both
 * PBX client libraries and Quarkus security, and everything written to a log file the test reads.
 */
public class SecretsProfile implements QuarkusTestProfile {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String AMI_SECRET = "ami-secret-" + RUN;
    static final String ESL_PASSWORD = "esl-password-" + RUN;
    static final String SESSION_KEY = "session-key-" + RUN + "-0123456789abcdef0123456789";
    static final String HOOK_TOKEN = "hook-token-" + RUN;
    static final String SMS_KEY = "sms-key-" + RUN;
    static final String LOG_FILE = "target/secrets-not-logged-" + RUN + ".log";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        // the simulators take these, and the nodes sim and fssim log in with them (application.properties)
        c.put("switchboard.simulator.secret", AMI_SECRET);
        c.put("switchboard.simulator.esl-password", ESL_PASSWORD);
        c.put("quarkus.http.auth.session.encryption-key", SESSION_KEY);
        // nobody listens on port 1: the deliveries fail, the path that tends to log URLs and headers
        c.put("switchboard.alerts.webhook.targets.ops.url", "http://127.0.0.1:1/hook?access_token=" + HOOK_TOKEN);
        c.put("switchboard.alerts.webhook.default-target", "ops");
        c.put("switchboard.alerts.sms.url", "http://127.0.0.1:1/sms");
        c.put("switchboard.alerts.sms.auth-value", "Bearer " + SMS_KEY);
        c.put("quarkus.log.console.level", "INFO");
        c.put("quarkus.log.file.enabled", "true");
        c.put("quarkus.log.file.path", LOG_FILE);
        c.put("quarkus.log.file.level", "ALL");
        c.put("quarkus.log.file.format", "%d{HH:mm:ss.SSS} %-5p [%c] (%t) %s%e%n");
        for (String category : new String[]{"io.switchboard", "org.asteriskjava", "link.thingscloud",
                "io.quarkus.security", "io.quarkus.vertx.http.runtime.security"}) {
            c.put("quarkus.log.category.\"" + category + "\".level", "DEBUG");
        }
        return c;
    }
}
