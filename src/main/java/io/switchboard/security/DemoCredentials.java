package io.switchboard.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The credentials this project ships for its demo and samples, in one place: the demo users the
 * dev mode seeds, and the sample PBX secrets (the simulators' defaults, the placeholders of
 * {@code asterisk-conf/manager.conf} and {@code freeswitch-conf/vars.xml}, FreeSWITCH's own default).
 * Everyone who read the README knows them, so the {@code prod} profile refuses them.
 */
public final class DemoCredentials {

    /** A demo login: user name, password, roles, what it is for. */
    public record DemoUser(String username, String password, Set<String> roles, String description) {
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("agent1", "agent1", Set.of(Roles.AGENT), "agent, queue support (Asterisk and FreeSWITCH)"),
            new DemoUser("agent2", "agent2", Set.of(Roles.AGENT), "agent, queue support"),
            new DemoUser("agent3", "agent3", Set.of(Roles.AGENT), "agent, queue support"),
            new DemoUser("agent4", "agent4", Set.of(Roles.AGENT), "agent, queue support"),
            new DemoUser("supervisor", "supervisor", Set.of(Roles.SUPERVISOR), "supervisor of queue support"),
            new DemoUser("admin", "admin", Set.of(Roles.ADMIN), "administrator"));

    private static final Map<String, String> PASSWORDS = USERS.stream()
            .collect(Collectors.toUnmodifiableMap(DemoUser::username, DemoUser::password));

    /** Sample PBX secrets: simulator defaults, config placeholders, FreeSWITCH's default event socket password. */
    public static final Set<String> SAMPLE_PBX_SECRETS = Set.of(
            "switchboard-demo", "ClueCon", "__SWITCHBOARD_AMI_SECRET__", "__SWITCHBOARD_ESL_PASSWORD__");

    private DemoCredentials() {
    }

    /** The demo password of a demo user name. */
    public static String password(String username) {
        String p = PASSWORDS.get(username);
        if (p == null) {
            throw new IllegalArgumentException("not a demo user: " + username);
        }
        return p;
    }

    /** Whether this is a shipped demo login (user name and its demo password). */
    public static boolean isDemoLogin(String username, String password) {
        String demo = username == null ? null : PASSWORDS.get(username);
        return demo != null && demo.equals(password);
    }

    public static boolean isSamplePbxSecret(String secret) {
        return secret != null && SAMPLE_PBX_SECRETS.contains(secret.trim());
    }
}
