package io.switchboard.security;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedSessionKeyTest {

    @Test
    void oneStrongKeyPerProcessFoundByTheConfigLoader() {
        GeneratedSessionKey a = new GeneratedSessionKey();
        String key = a.getValue(GeneratedSessionKey.NAME);
        assertThat(Base64.getUrlDecoder().decode(key)).hasSize(32);
        assertThat(new GeneratedSessionKey().getValue(GeneratedSessionKey.NAME)).isEqualTo(key);
        assertThat(a.getValue("quarkus.http.auth.session.encryption-key")).isNull();
        assertThat(a.getOrdinal()).isLessThan(100); // never above a real source
        assertThat(ServiceLoader.load(ConfigSource.class)).anyMatch(s -> s instanceof GeneratedSessionKey);
    }
}
