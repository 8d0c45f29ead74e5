package io.switchboard.security;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.pbx.PbxConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * With {@code switchboard.security.refuse-demo-credentials} (on unless dev mode or tests), the
 * service does not start with a PBX node using a shipped sample secret, or without its own session
 * key. Runs first of all start-up work, before any collector logs in with such a secret. The
 * message names the properties, never their values.
 */
@ApplicationScoped
public class ProdCredentialsCheck {

    static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";

    @Inject
    SecurityConfig hardening;
    @Inject
    PbxConfig pbx;
    @Inject
    Config config;

    void check(@Observes @Priority(1) StartupEvent ev) {
        if (!hardening.refuseDemoCredentials()) {
            return;
        }
        Map<String, String> secrets = new TreeMap<>();
        pbx.nodes().forEach((node, cfg) -> {
            if (cfg.enabled()) {
                secrets.put("switchboard.pbx." + node + ".secret", cfg.secret());
            }
        });
        List<String> problems = problems(secrets, sessionKeyConfigured(config));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start with demo credentials "
                    + "(switchboard.security.refuse-demo-credentials=true): " + String.join("; ", problems));
        }
    }

    /** What is wrong, one line per property; empty when the service may start. */
    static List<String> problems(Map<String, String> pbxSecrets, boolean sessionKeyConfigured) {
        List<String> out = new ArrayList<>();
        pbxSecrets.forEach((property, value) -> {
            if (DemoCredentials.isSamplePbxSecret(value)) {
                out.add(property + " is a shipped sample secret; set the node's own");
            }
        });
        if (!sessionKeyConfigured) {
            out.add(SESSION_KEY + " is not set; set SWITCHBOARD_SESSION_KEY (32+ characters)");
        }
        return out;
    }

    /** Set by the installation, not the per-process key {@link GeneratedSessionKey} stands in with. */
    static boolean sessionKeyConfigured(Config config) {
        Optional<String> key = config.getOptionalValue(SESSION_KEY, String.class).filter(k -> !k.isBlank());
        Optional<String> generated = config.getOptionalValue(GeneratedSessionKey.NAME, String.class);
        return key.isPresent() && !key.equals(generated);
    }
}
