package io.switchboard.push;

import io.switchboard.metrics.MonitorSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.switchboard.push.Snapshots.agent;
import static io.switchboard.push.Snapshots.node;
import static io.switchboard.push.Snapshots.queue;
import static io.switchboard.push.Snapshots.snapshot;
import static io.switchboard.push.Snapshots.tenant;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotIndexTest {

    private final MonitorSnapshot before = snapshot(7, List.of(queue("sales", 1), queue("support", 2)),
            List.of(agent("Anna", 1), agent("Ben", 2)), List.of(node("sim", 1)), List.of(tenant("acme", 3)));

    @Test
    void deltaCarriesOnlyChangedNewAndRemovedEntries() {
        MonitorSnapshot after = snapshot(9, List.of(queue("sales", 1), queue("support", 5), queue("billing", 0)),
                List.of(agent("Ben", 2), agent("Clara", 0)), List.of(node("sim", 1)), List.of(tenant("acme", 6)));

        MonitorMessages.Delta d = SnapshotIndex.of(after).deltaFrom(SnapshotIndex.of(before));

        assertThat(d.type()).isEqualTo("delta");
        assertThat(d.version()).isEqualTo(9);
        assertThat(d.previous()).isEqualTo(7);
        assertThat(d.at()).isEqualTo(after.at());
        assertThat(d.queues()).containsExactly(queue("support", 5), queue("billing", 0));
        assertThat(d.agents()).containsExactly(agent("Clara", 0));
        assertThat(d.nodes()).isEmpty();
        assertThat(d.tenants()).containsExactly(tenant("acme", 6));
        assertThat(d.removed().agents()).containsExactly("Anna");
        assertThat(d.removed().queues()).isEmpty();
        assertThat(d.removed().nodes()).isEmpty();
        assertThat(d.removed().tenants()).isEmpty();
    }

    @Test
    void equalSnapshotsGiveAnEmptyDelta() {
        MonitorMessages.Delta d = SnapshotIndex.of(before).deltaFrom(SnapshotIndex.of(before));
        assertThat(d.queues()).isEmpty();
        assertThat(d.agents()).isEmpty();
        assertThat(d.nodes()).isEmpty();
        assertThat(d.tenants()).isEmpty();
        assertThat(d.removed()).isEqualTo(new MonitorMessages.Removed(List.of(), List.of(), List.of(), List.of()));
    }
}
