package io.switchboard.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * The test setup as the prod profile runs it: demo credentials refused (so the simulators and
 * nodes get secrets of their own and the service a session key, or it would not start) and the
 * login throttle at small limits.
 */
public class HardenedProfile implements QuarkusTestProfile {

    static final int USER_ATTEMPTS = 3;
    static final int IP_ATTEMPTS = 12;
    static final String WINDOW = "1m";
    static final String LOCK = "2m";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("switchboard.security.refuse-demo-credentials", "true");
        c.put("switchboard.simulator.secret", "hardened-ami-secret-7f3a");
        c.put("switchboard.simulator.esl-password", "hardened-esl-password-91c2");
        c.put("quarkus.http.auth.session.encryption-key", "hardened-session-key-0123456789abcdef0123");
        c.put("switchboard.security.login-throttle.user-attempts", String.valueOf(USER_ATTEMPTS));
        c.put("switchboard.security.login-throttle.ip-attempts", String.valueOf(IP_ATTEMPTS));
        c.put("switchboard.security.login-throttle.window", WINDOW);
        c.put("switchboard.security.login-throttle.lock-time", LOCK);
        return c;
    }
}
