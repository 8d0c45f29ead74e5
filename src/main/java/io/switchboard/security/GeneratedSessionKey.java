package io.switchboard.security;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A random session-cookie key for a service started without {@code SWITCHBOARD_SESSION_KEY}. Left
 * to itself Quarkus would make one too, and print it in its warning; a secret must never reach the
 * log. Sessions signed with it end when the process does (set the variable in production).
 */
public class GeneratedSessionKey implements ConfigSource {

    static final String NAME = "switchboard.session.generated-key";

    /** One per process: every read of the property must see the same key. */
    private static final String KEY;

    static {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        KEY = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(NAME, KEY);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(NAME);
    }

    @Override
    public String getValue(String propertyName) {
        return NAME.equals(propertyName) ? KEY : null;
    }

    @Override
    public String getName() {
        return "generated-session-key";
    }

    @Override
    public int getOrdinal() {
        return 10; // below every real source: only read through the expression in application.properties
    }
}
