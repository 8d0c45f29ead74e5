package io.switchboard.security;

import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which configuration properties hold secrets, and their values. The log filter masks these values
 * wherever they appear; the prod checks read some of them too. One list, so a new kind of secret is
 * added in one place.
 */
public final class SecretValues {

    /** Shorter values would mask ordinary words ("demo", "sa") all over the log. */
    public static final int MIN_LENGTH = 4;

    /** Properties whose value is a secret, by name. */
    private static final List<Pattern> SECRET_PROPERTIES = List.of(
            Pattern.compile("switchboard\\.pbx\\.[^.]+\\.(secret|password)"),
            Pattern.compile("switchboard\\.simulator\\.(secret|esl-password)"),
            Pattern.compile("quarkus\\.datasource(\\.[^.]+)?\\.password"),
            Pattern.compile("quarkus\\.http\\.auth\\.session\\.encryption-key"),
            Pattern.compile(GeneratedSessionKey.NAME.replace(".", "\\.")),
            // chat webhook URLs carry their token; the SMS gateway's auth header value is its key
            Pattern.compile("switchboard\\.alerts\\.webhook\\.targets\\.[^.]+\\.url"),
            Pattern.compile("switchboard\\.alerts\\..*(token|secret|password|auth-value|api-key|key)"),
            Pattern.compile("quarkus\\.mailer\\.password"),
            Pattern.compile("(mp\\.messaging\\..*\\.|kafka\\.)(sasl\\.jaas\\.config|ssl\\..*password|password)"),
            Pattern.compile("quarkus\\.oidc(\\.[^.]+)?\\.credentials\\.(secret|client-secret\\.value|jwt\\.secret)"),
            Pattern.compile("switchboard\\.screenpop\\..*(token|secret|password|api-key)"));

    /**
     * The same as environment variables: a node's secret set only as {@code SWITCHBOARD_PBX_<NODE>_SECRET}
     * (the compose file does that) may be listed under that name alone.
     */
    private static final List<Pattern> SECRET_VARIABLES = List.of(
            Pattern.compile("SWITCHBOARD_PBX_.+_(SECRET|PASSWORD)"),
            Pattern.compile("SWITCHBOARD_SIMULATOR_(SECRET|ESL_PASSWORD)"),
            Pattern.compile("SWITCHBOARD_(TEST_)?DB_PASSWORD"),
            Pattern.compile("QUARKUS_DATASOURCE_(.+_)?PASSWORD"),
            Pattern.compile("SWITCHBOARD_SESSION_KEY|QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"),
            Pattern.compile("SWITCHBOARD_ALERTS_WEBHOOK_TARGETS_.+_URL"),
            Pattern.compile("SWITCHBOARD_ALERTS_.*(TOKEN|SECRET|PASSWORD|AUTH_VALUE|API_KEY)"),
            Pattern.compile("QUARKUS_MAILER_PASSWORD"),
            Pattern.compile("(KAFKA|MP_MESSAGING_.+)_(SASL_JAAS_CONFIG|SSL_.*PASSWORD|PASSWORD)"),
            Pattern.compile("QUARKUS_OIDC_(.+_)?CREDENTIALS_(SECRET|CLIENT_SECRET_VALUE|JWT_SECRET)"),
            Pattern.compile("SWITCHBOARD_SCREENPOP_.*(TOKEN|SECRET|PASSWORD|API_KEY)"));

    private SecretValues() {
    }

    static boolean isSecretProperty(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_PROPERTIES.stream().anyMatch(p -> p.matcher(n).matches())
                || SECRET_VARIABLES.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /**
     * The secret values configured now, longest first (so a secret containing another is masked
     * whole). Values shorter than {@value #MIN_LENGTH} characters are left out.
     */
    public static List<String> collect(Config config) {
        Set<String> values = new LinkedHashSet<>();
        for (String name : config.getPropertyNames()) {
            if (!isSecretProperty(name)) {
                continue;
            }
            Optional<String> value;
            try {
                value = config.getOptionalValue(name, String.class);
            } catch (RuntimeException e) {
                continue; // an unresolvable expression is not a value that can be logged
            }
            value.map(String::trim).filter(v -> v.length() >= MIN_LENGTH).ifPresent(v -> {
                values.add(v);
                // webhook URLs: the token alone may be logged too; "Bearer <key>": the key alone
                tokenOfUrl(v).ifPresent(values::add);
                int space = v.lastIndexOf(' ');
                if (space > 0 && v.length() - space - 1 >= MIN_LENGTH) {
                    values.add(v.substring(space + 1));
                }
            });
        }
        List<String> out = new ArrayList<>(values);
        out.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(out);
    }

    /** The value of the last query parameter of a URL, the usual place of a webhook token. */
    static Optional<String> tokenOfUrl(String url) {
        int q = url.indexOf('?');
        if (!url.contains("://") || q < 0) {
            return Optional.empty();
        }
        String query = url.substring(q + 1);
        int eq = query.lastIndexOf('=');
        String token = eq < 0 ? query : query.substring(eq + 1);
        return token.length() >= MIN_LENGTH ? Optional.of(token) : Optional.empty();
    }
}
