package io.switchboard.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * OpenID Connect switched on without a provider: tokens are checked against the public half of a
 * key pair made for the tests ({@code src/test/resources/oidc}), and {@link #signingKey()} signs them.
 */
public class OidcProfile implements QuarkusTestProfile {

    static final String ISSUER = "https://idp.switchboard.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.client-id", "switchboard",
                "quarkus.oidc.public-key", pemBody("/oidc/test-signing-key.pub.pem"),
                "quarkus.oidc.token.issuer", ISSUER,
                "quarkus.oidc.roles.role-claim-path", "roles");
    }

    static PrivateKey signingKey() {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody("/oidc/test-signing-key.pem"));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pemBody(String resource) {
        try (InputStream in = OidcProfile.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
