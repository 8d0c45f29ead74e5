package io.switchboard.api;

import io.switchboard.demo.DemoSimulator;
import io.switchboard.metrics.MetricsService;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two tenants for isolation tests: a queue of each (named in the test settings), users of each role
 * of each, and calls on the simulator answered by an agent of each.
 */
public final class TwoTenants {

    public static final String ACME = "tenant-acme";
    public static final String GLOBEX = "tenant-globex";
    public static final Map<String, String> QUEUE = Map.of(ACME, "acme-line", GLOBEX, "globex-line");
    public static final String PASSWORD = "pw-two-tenants";
    public static final List<String> ROLES = List.of(Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION, Roles.AGENT);

    private TwoTenants() {
    }

    /** The user of {@code role} in {@code tenant} (saved by {@link #saveUsers}). */
    public static String user(String tenant, String role) {
        return tenant + "-" + role;
    }

    public static void saveUsers(UserStore users) {
        for (String tenant : List.of(ACME, GLOBEX, "default")) {
            for (String role : ROLES) {
                users.save(user(tenant, role), PASSWORD, Set.of(role), null, Set.of(), tenant);
            }
        }
    }

    /** The other tenant of the two. */
    public static String other(String tenant) {
        return ACME.equals(tenant) ? GLOBEX : ACME;
    }

    /** An agent number no other test uses: its member name is {@code "Agent <n>"}. */
    public static int freshAgent() {
        return ThreadLocalRandom.current().nextInt(100_000, 999_999);
    }

    /**
     * Plays an answered and an abandoned call into {@code tenant}'s queue, the answered one taken by
     * agent {@code agent}, and waits until the published metrics count them.
     */
    public static void playCalls(DemoSimulator demo, MetricsService metrics, String tenant, int agent) {
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        String queue = QUEUE.get(tenant);
        long before = offered(metrics.monitor(), queue);
        ScenarioGenerator gen = new ScenarioGenerator(System.nanoTime());
        String caller = "555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        List<GeneratedCall> calls = List.of(
                gen.generate(new ScenarioSpec(caller, "Caller", queue, Map.of(), List.of(), agent, 2_000, 1_000,
                        5_000, 0, ScenarioSpec.Outcome.ANSWER, null)),
                gen.generate(new ScenarioSpec(caller + "1", "Caller", queue, Map.of(), List.of(), null, 9_000, 1_000,
                        0, 0, ScenarioSpec.Outcome.CALLER_ABANDON, null)));
        demo.simulator().play(ScenarioMix.schedule(calls, 20.0), PlayOptions.fullSpeed()).done().join();
        String name = ScenarioSpec.agentName(agent);
        await().atMost(Duration.ofSeconds(30)).until(() -> offered(metrics.monitor(), queue) >= before + 2
                && metrics.monitor().agents().stream().anyMatch(a -> a.agent().equals(name)));
    }

    private static long offered(MonitorSnapshot s, String queue) {
        return s == null ? 0 : s.queues().stream().filter(q -> q.queue().equals(queue))
                .mapToLong(q -> q.figures().offered()).sum();
    }
}
