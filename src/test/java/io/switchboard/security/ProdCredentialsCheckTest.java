package io.switchboard.security;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProdCredentialsCheckTest {

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource({
            "switchboard-demo, true",
            "ClueCon, true",
            "__SWITCHBOARD_AMI_SECRET__, true",
            "__SWITCHBOARD_ESL_PASSWORD__, true",
            "' ClueCon ', true",
            "a-real-secret-of-this-site, false"})
    void samplePbxSecretsAreRefusedByPropertyNeverByValue(String secret, boolean refused) {
        List<String> problems = ProdCredentialsCheck.problems(Map.of("switchboard.pbx.pbx-a.secret", secret), true);
        assertThat(problems).hasSize(refused ? 1 : 0);
        problems.forEach(p -> assertThat(p).contains("switchboard.pbx.pbx-a.secret").doesNotContain(secret.trim()));
    }

    @Test
    void aMissingSessionKeyIsRefused() {
        assertThat(ProdCredentialsCheck.problems(Map.of(), false)).singleElement().asString()
                .contains("quarkus.http.auth.session.encryption-key").contains("SWITCHBOARD_SESSION_KEY");
        assertThat(ProdCredentialsCheck.problems(Map.of(), true)).isEmpty();
    }

    @Test
    void theGeneratedKeyDoesNotCountAsConfigured() {
        String expression = "${SWITCHBOARD_SESSION_KEY:${switchboard.session.generated-key}}";
        SmallRyeConfig generated = new SmallRyeConfigBuilder().addDefaultInterceptors().withSources(new GeneratedSessionKey(),
                new PropertiesConfigSource(Map.of(ProdCredentialsCheck.SESSION_KEY, expression), "app", 250)).build();
        assertThat(ProdCredentialsCheck.sessionKeyConfigured(generated)).isFalse();

        SmallRyeConfig set = new SmallRyeConfigBuilder().addDefaultInterceptors().withSources(new GeneratedSessionKey(),
                new PropertiesConfigSource(Map.of(ProdCredentialsCheck.SESSION_KEY, expression,
                        "SWITCHBOARD_SESSION_KEY", "a-session-key-of-this-site-0123456789"), "env", 300)).build();
        assertThat(ProdCredentialsCheck.sessionKeyConfigured(set)).isTrue();
    }

    @Test
    void demoLoginsAreExactlyTheShippedPairs() {
        DemoCredentials.USERS.forEach(u -> assertThat(DemoCredentials.isDemoLogin(u.username(), u.password())).isTrue());
        assertThat(DemoCredentials.isDemoLogin("admin", "Admin")).isFalse();
        assertThat(DemoCredentials.isDemoLogin("admin", "a-strong-password")).isFalse();
        assertThat(DemoCredentials.isDemoLogin("someone", "admin")).isFalse();
        assertThat(DemoCredentials.isDemoLogin(null, null)).isFalse();
    }
}
