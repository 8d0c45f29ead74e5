package io.switchboard.demo;

import io.switchboard.security.DemoCredentials;

import java.util.Locale;

/** The block dev mode prints at start: the demo logins and where to use them. */
final class DemoBanner {

    private DemoBanner() {
    }

    static String text(int port) {
        String base = "http://localhost:" + port;
        StringBuilder b = new StringBuilder();
        b.append("\n================ Switchboard demo (dev mode only) ================\n");
        b.append(String.format(Locale.ROOT, "  %-12s %-12s %-12s %s%n", "user", "password", "roles", "what for"));
        for (DemoCredentials.DemoUser u : DemoCredentials.USERS) {
            b.append(String.format(Locale.ROOT, "  %-12s %-12s %-12s %s%n", u.username(), u.password(),
                    String.join(",", u.roles()), u.description()));
        }
        b.append("  agent desktop   ").append(base).append("/agent\n");
        b.append("  control console ").append(base).append("/admin\n");
        b.append("  wallboard       ").append(base).append("/wallboard\n");
        b.append("  These passwords are public: the prod profile refuses them.\n");
        b.append("==================================================================");
        return b.toString();
    }
}
