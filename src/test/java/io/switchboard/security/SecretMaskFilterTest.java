package io.switchboard.security;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskFilterTest {

    @ParameterizedTest(name = "{0} secret: {1}")
    @CsvSource({
            "switchboard.pbx.pbx-a.secret, true",
            "switchboard.pbx.fs-a.password, true",
            "quarkus.datasource.password, true",
            "quarkus.datasource.records.password, true",
            "quarkus.http.auth.session.encryption-key, true",
            "switchboard.session.generated-key, true",
            "switchboard.alerts.webhook.targets.ops.url, true",
            "switchboard.alerts.sms.auth-value, true",
            "quarkus.mailer.password, true",
            "kafka.sasl.jaas.config, true",
            "mp.messaging.outgoing.call-events.sasl.jaas.config, true",
            "quarkus.oidc.credentials.secret, true",
            "SWITCHBOARD_PBX_PBX_A_SECRET, true",
            "SWITCHBOARD_DB_PASSWORD, true",
            "SWITCHBOARD_SESSION_KEY, true",
            "SWITCHBOARD_ALERTS_SMS_AUTH_VALUE, true",
            "SWITCHBOARD_ALERTS_WEBHOOK_TARGETS_OPS_URL, true",
            "KAFKA_SASL_JAAS_CONFIG, true",
            "SWITCHBOARD_PBX_PBX_A_HOST, false",
            "SWITCHBOARD_ALERTS_SMS_URL, false",
            "switchboard.pbx.pbx-a.host, false",
            "switchboard.pbx.pbx-a.username, false",
            "switchboard.alerts.sms.url, false",
            "quarkus.datasource.username, false"})
    void secretPropertiesByName(String property, boolean secret) {
        assertThat(SecretValues.isSecretProperty(property)).isEqualTo(secret);
    }

    @Test
    void collectsConfiguredValuesLongestFirstWithTokensAndBearerKeys() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "switchboard.pbx.a.secret", "ami-s3cret",
                "switchboard.pbx.a.host", "pbx.example",
                "switchboard.pbx.b.secret", "abc", // too short to mask without garbling the log
                "switchboard.alerts.webhook.targets.ops.url", "https://hooks.example/x?access_token=tok-12345",
                "switchboard.alerts.sms.auth-value", "Bearer sms-k3y-99"), "test", 100)).build();
        List<String> values = SecretValues.collect(config);
        assertThat(values).containsExactlyInAnyOrder("ami-s3cret", "https://hooks.example/x?access_token=tok-12345",
                "tok-12345", "Bearer sms-k3y-99", "sms-k3y-99");
        assertThat(values.get(0)).startsWith("https://");
        assertThat(values).doesNotContain("pbx.example", "abc");
    }

    @Test
    void masksMessageParametersAndExceptionsAndLeavesTheRestAlone() {
        SecretMaskFilter filter = new SecretMaskFilter(List.of("Bearer k3y-abcdef", "k3y-abcdef", "ami-s3cret"));
        ExtLogRecord r = new ExtLogRecord(Level.INFO, "login to %s with %s", ExtLogRecord.FormatStyle.PRINTF, "x");
        r.setParameters(new Object[]{"pbx-a", "ami-s3cret"});
        IllegalStateException cause = new IllegalStateException("header Bearer k3y-abcdef refused");
        r.setThrown(new RuntimeException("wrapped k3y-abcdef", cause));

        assertThat(filter.isLoggable(r)).isTrue();
        assertThat(r.getFormattedMessage()).isEqualTo("login to pbx-a with ****");
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("k3y-abcdef").contains("java.lang.RuntimeException: wrapped ****")
                .contains("Caused by: java.lang.IllegalStateException: header **** refused")
                .contains("SecretMaskFilterTest"); // the stack trace is kept

        ExtLogRecord plain = new ExtLogRecord(Level.INFO, "nothing secret here: %s", ExtLogRecord.FormatStyle.PRINTF, "x");
        plain.setParameters(new Object[]{"pbx-a"});
        Throwable t = new RuntimeException("plain");
        plain.setThrown(t);
        filter.isLoggable(plain);
        assertThat(plain.getFormattedMessage()).isEqualTo("nothing secret here: pbx-a");
        assertThat(plain.getThrown()).isSameAs(t);
    }
}
