package io.switchboard.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each tenant's part of a snapshot: its queues, agents, nodes and its own tenant entry, nothing of another's. */
class TenantFilterTest {

    private static final Instant FROM = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-25T00:00:00Z");
    private static final ServiceLevelPolicy POLICY =
            new ServiceLevelPolicy(20, ServiceLevelVariant.ANSWERED_AND_LONG_ABANDONED, 5, 86_400, 0);

    /** Queues and nodes by name; agents by a roster (ann, bob) or else by their queues. */
    private static final TenantOwners OWNERS = new TenantOwners() {
        private final Map<String, String> queues = Map.of("a-sales", "acme", "a-help", "acme", "g-sales", "globex");
        private final Map<String, String> nodes = Map.of("pbx-a", "acme", "pbx-g", "globex");
        private final Map<String, String> roster = Map.of("ann", "acme", "bob", "globex");

        @Override
        public String ofQueue(String queue) {
            return queues.getOrDefault(queue, "default");
        }

        @Override
        public boolean ownsNode(String tenant, String node) {
            return tenant.equals(nodes.getOrDefault(node, "default"));
        }

        @Override
        public String ofAgent(String agent, AgentLive live) {
            if (roster.containsKey(agent)) {
                return roster.get(agent);
            }
            List<String> tenants = live.queues().stream().map(this::ofQueue).distinct().toList();
            return tenants.size() == 1 ? tenants.get(0) : tenants.isEmpty() ? "default" : null;
        }
    };

    private static final MonitorSnapshot ALL = new MonitorSnapshot(42, TO, "today", FROM, TO,
            List.of(queue("a-sales"), queue("a-help"), queue("g-sales"), queue("shared-unnamed")),
            List.of(agent("ann", List.of("g-sales")), agent("bob", List.of()), agent("PJSIP/7001", List.of("a-help")),
                    agent("PJSIP/7002", List.of("g-sales")), agent("PJSIP/7003", List.of("a-sales", "g-sales")),
                    agent("PJSIP/7004", List.of())),
            List.of(node("pbx-a"), node("pbx-g"), node("sim")),
            List.of(tenant("acme"), tenant("globex"), tenant("default")));

    static Stream<Arguments> tenants() {
        return Stream.of(
                Arguments.of("acme", List.of("a-sales", "a-help"), List.of("ann", "PJSIP/7001"), List.of("pbx-a")),
                Arguments.of("globex", List.of("g-sales"), List.of("bob", "PJSIP/7002"), List.of("pbx-g")),
                Arguments.of("default", List.of("shared-unnamed"), List.of("PJSIP/7004"), List.of("sim")),
                Arguments.of("initech", List.of(), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenants")
    void aTenantSeesItsOwnEntriesOnly(String tenant, List<String> queues, List<String> agents, List<String> nodes) {
        MonitorSnapshot mine = TenantFilter.snapshot(ALL, tenant, OWNERS);

        assertThat(mine.queues()).extracting(QueueMetrics::queue).containsExactlyElementsOf(queues);
        assertThat(mine.agents()).extracting(AgentMetrics::agent).containsExactlyElementsOf(agents);
        assertThat(mine.nodes()).extracting(NodeMetrics::node).containsExactlyElementsOf(nodes);
        assertThat(mine.tenants()).extracting(TenantMetrics::tenant)
                .containsExactlyElementsOf(ALL.tenants().stream().map(TenantMetrics::tenant)
                        .filter(tenant::equals).toList());
        assertThat(List.of(mine.version(), mine.at(), mine.window(), mine.from(), mine.to()))
                .isEqualTo(List.of(ALL.version(), ALL.at(), ALL.window(), ALL.from(), ALL.to()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenants")
    void theListsAgreeWithTheSnapshot(String tenant, List<String> queues, List<String> agents, List<String> nodes) {
        MonitorSnapshot mine = TenantFilter.snapshot(ALL, tenant, OWNERS);

        assertThat(TenantFilter.queues(ALL.queues(), tenant, OWNERS)).isEqualTo(mine.queues());
        assertThat(TenantFilter.agents(ALL.agents(), tenant, OWNERS)).isEqualTo(mine.agents());
        assertThat(TenantFilter.nodes(ALL.nodes(), tenant, OWNERS)).isEqualTo(mine.nodes());
        assertThat(TenantFilter.tenants(ALL.tenants(), tenant)).isEqualTo(mine.tenants());
    }

    @org.junit.jupiter.api.Test
    void withoutATenantNothingIsShown() {
        MonitorSnapshot none = TenantFilter.snapshot(ALL, null, OWNERS);

        assertThat(none.queues()).isEmpty();
        assertThat(none.agents()).isEmpty();
        assertThat(none.nodes()).isEmpty();
        assertThat(none.tenants()).isEmpty();
    }

    private static QueueMetrics queue(String name) {
        return new QueueMetrics(name, OWNERS.ofQueue(name), "today", FROM, TO, POLICY,
                Figures.of(new Counters(), POLICY.variant()), new QueueLive(0, 0, 0, Map.of()));
    }

    private static AgentMetrics agent(String name, List<String> queues) {
        return Figures.agent(name, "today", Intervals.toMicros(FROM), Intervals.toMicros(TO), new Counters(),
                new AgentLive("AVAILABLE", false, null, FROM, queues));
    }

    private static NodeMetrics node(String name) {
        return new NodeMetrics(name, "asterisk", "CONNECTED", 0, "today", FROM, TO, 0,
                Figures.of(new Counters(), POLICY.variant()));
    }

    private static TenantMetrics tenant(String name) {
        return new TenantMetrics(name, "today", FROM, TO, Figures.of(new Counters(), POLICY.variant()),
                new QueueLive(0, 0, 0, Map.of()));
    }
}
