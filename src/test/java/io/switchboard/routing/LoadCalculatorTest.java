package io.switchboard.routing;

import io.switchboard.calls.ActiveCall;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.metrics.NodeMetrics;
import io.switchboard.metrics.QueueLive;
import io.switchboard.metrics.QueueMetrics;
import io.switchboard.screenpop.QueueTenants;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The load arithmetic: queues to tenants, owned and shared nodes, healthy capacity, aged waits. */
class LoadCalculatorTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    private static QueueMetrics queue(String name, int waiting, long longestMs, int talking, Map<String, Integer> agents) {
        return new QueueMetrics(name, null, "today", null, null, null, null,
                new QueueLive(waiting, longestMs, talking, agents));
    }

    private static NodeMetrics node(String id, int activeCalls) {
        return new NodeMetrics(id, "asterisk", "CONNECTED", activeCalls, "today", null, null, 0, null);
    }

    private static ActiveCall call(String node, String state, String queue, int waitedSeconds) {
        return new ActiveCall("c" + waitedSeconds, node, "p", state, null, null, queue, null, null, NOW,
                "QUEUED".equals(state) ? NOW.minusSeconds(waitedSeconds) : null, null, 1);
    }

    private final LoadSnapshot s = LoadCalculator.compute(new LoadCalculator.Inputs(NOW,
            // published 2 s ago: the longest wait has grown by 2 s since
            new MonitorSnapshot(1, NOW.minusSeconds(2), "today", NOW, NOW,
                    List.of(queue("sales", 3, 10_000, 2, Map.of("AVAILABLE", 2, "BUSY", 2, "LOGGED_OUT", 1)),
                            queue("support", 0, 0, 1, Map.of("AVAILABLE", 1))),
                    List.of(), List.of(node("ast1", 5), node("fs1", 4), node("ast2", 3)), List.of()),
            List.of(call("ast1", "QUEUED", "sales", 12), call("ast1", "QUEUED", "sales", 5),
                    call("fs1", "CONNECTED", "support", 0)),
            Map.of("ast1", "asterisk", "fs1", "freeswitch", "ast2", "asterisk", "cold", "freeswitch"),
            new QueueTenants("default", Map.of("sales", "acme")),
            Map.of("ast1", "acme"),
            Map.of("ast1", 10, "fs1", 20, "spare", 30),
            node -> !node.equals("spare"),
            node -> switch (node) {
                case "ast1" -> new CommandStats.Figures(10, 1, 40);
                case "fs1" -> new CommandStats.Figures(30, 6, 80);
                default -> null;
            }));

    @Test
    void queuesCarryTheirTenantAndAnAgedLongestWait() {
        assertThat(s.queue("sales")).isEqualTo(new LoadSnapshot.QueueLoad("sales", "acme", 3, 12_000, 2, 2, 4));
        assertThat(s.queue("support")).isEqualTo(new LoadSnapshot.QueueLoad("support", "default", 0, 0, 1, 1, 1));
    }

    @Test
    void nodesCountTheirWaitingCallersCapacityHealthAndCommands() {
        Map<String, LoadSnapshot.NodeLoad> nodes = s.nodesById();
        assertThat(nodes).containsOnlyKeys("ast1", "ast2", "cold", "fs1", "spare");
        assertThat(nodes.get("cold")).as("configured, not yet seen by the metrics")
                .isEqualTo(new LoadSnapshot.NodeLoad("cold", "freeswitch", true, 0, 0, 0, 0, 0, 0, 0));
        assertThat(nodes.get("ast1")).isEqualTo(new LoadSnapshot.NodeLoad("ast1", "asterisk", true, 5, 10, 2, 12_000,
                2, 40, 0.1));
        assertThat(nodes.get("spare")).isEqualTo(new LoadSnapshot.NodeLoad("spare", null, false, 0, 30, 0, 0, 0, 0, 0));
        assertThat(nodes.get("fs1").lineUse()).isEqualTo(0.2);
    }

    @Test
    void aTenantOwningNodesHasTheirLines() {
        LoadSnapshot.TenantLoad acme = s.tenant("acme");
        assertThat(acme).isEqualTo(new LoadSnapshot.TenantLoad("acme", 3, 12_000, 2, 2, 5, 10, 0.5, 0.1));
    }

    @Test
    void aTenantOwningNoNodeSharesTheHealthyCapacityOfTheSharedOnes() {
        LoadSnapshot.TenantLoad d = s.tenant("default");
        // shared: ast2 (capacity unknown), fs1 (20), spare (30, unhealthy: its lines are gone)
        assertThat(List.of(d.waiting(), d.talking(), d.agentsAvailable(), d.activeCalls(), d.lineCapacity()))
                .containsExactly(0, 1, 1, 7, 20);
        assertThat(d.lineUse()).isCloseTo(4 / 20.0, within(1e-9));
        assertThat(d.commandErrorRate()).isCloseTo(6 / 30.0, within(1e-9));
    }

    @Test
    void overallIsEverything() {
        LoadSnapshot.TenantLoad all = s.overall();
        assertThat(List.of(all.tenant(), all.waiting(), all.talking(), all.agentsAvailable(), all.activeCalls(),
                all.lineCapacity())).containsExactly("*", 3, 3, 3, 12, 30);
        assertThat(all.longestWaitMs()).isEqualTo(12_000);
        assertThat(all.lineUse()).isCloseTo(9 / 30.0, within(1e-9));
        assertThat(all.commandErrorRate()).isCloseTo(7 / 40.0, within(1e-9));
        assertThat(s.tenants()).extracting(LoadSnapshot.TenantLoad::tenant).containsExactly("acme", "default");
    }

    @Test
    void withoutAnyFiguresTheLoadIsZero() {
        LoadSnapshot empty = LoadCalculator.compute(new LoadCalculator.Inputs(NOW, null, List.of(), Map.of(),
                QueueTenants.single("default"), Map.of(), Map.of(), n -> true, n -> null));
        assertThat(empty.overall()).isEqualTo(LoadSnapshot.empty(NOW).overall());
        assertThat(empty.tenants()).isEmpty();
    }
}
