package io.switchboard.push;

import io.switchboard.metrics.AgentLive;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.metrics.TenantFilter;
import io.switchboard.metrics.TenantOwners;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.switchboard.push.Snapshots.agent;
import static io.switchboard.push.Snapshots.node;
import static io.switchboard.push.Snapshots.queue;
import static io.switchboard.push.Snapshots.snapshot;
import static io.switchboard.push.Snapshots.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/** Deltas between one tenant's views name that tenant's entries only, removals included. */
class TenantDeltaTest {

    /** Queues, nodes and agents whose names start with {@code a-} are acme's, the rest globex's. */
    private static final TenantOwners OWNERS = new TenantOwners() {
        @Override
        public String ofQueue(String queue) {
            return queue.startsWith("a-") ? "acme" : "globex";
        }

        @Override
        public boolean ownsNode(String tenant, String node) {
            return tenant.equals(ofQueue(node));
        }

        @Override
        public String ofAgent(String agent, AgentLive live) {
            return ofQueue(agent);
        }
    };

    @Test
    void anotherTenantsChangesAndRemovalsNeverReachAClient() {
        MonitorSnapshot before = snapshot(1, List.of(queue("a-sales", 1), queue("g-sales", 1), queue("g-old", 1)),
                List.of(agent("a-ann", 1), agent("g-bob", 1)), List.of(node("a-pbx", 1), node("g-pbx", 1)),
                List.of(tenant("acme", 1), tenant("globex", 2)));
        // globex changes everything, loses a queue, an agent and its node; acme changes one queue
        MonitorSnapshot after = snapshot(2, List.of(queue("a-sales", 2), queue("g-sales", 9)),
                List.of(agent("a-ann", 1)), List.of(node("a-pbx", 1)), List.of(tenant("acme", 2), tenant("globex", 9)));

        MonitorMessages.Delta acme = SnapshotIndex.of(TenantFilter.snapshot(after, "acme", OWNERS))
                .deltaFrom(SnapshotIndex.of(TenantFilter.snapshot(before, "acme", OWNERS)));

        assertThat(acme.queues()).containsExactly(queue("a-sales", 2));
        assertThat(acme.agents()).isEmpty();
        assertThat(acme.nodes()).isEmpty();
        assertThat(acme.tenants()).containsExactly(tenant("acme", 2));
        assertThat(acme.removed().queues()).isEmpty();
        assertThat(acme.removed().agents()).isEmpty();
        assertThat(acme.removed().nodes()).isEmpty();
        assertThat(acme.removed().tenants()).isEmpty();

        MonitorMessages.Delta globex = SnapshotIndex.of(TenantFilter.snapshot(after, "globex", OWNERS))
                .deltaFrom(SnapshotIndex.of(TenantFilter.snapshot(before, "globex", OWNERS)));

        assertThat(globex.queues()).containsExactly(queue("g-sales", 9));
        assertThat(globex.removed().queues()).containsExactly("g-old");
        assertThat(globex.removed().agents()).containsExactly("g-bob");
        assertThat(globex.removed().nodes()).containsExactly("g-pbx");
        assertThat(globex.tenants()).containsExactly(tenant("globex", 9));
    }
}
