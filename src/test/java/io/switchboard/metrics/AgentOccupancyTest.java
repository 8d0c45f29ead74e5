package io.switchboard.metrics;

import io.switchboard.events.AgentState;
import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.events.EventMeta;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Staffed and busy time from agent state changes, split exactly at interval bounds. */
class AgentOccupancyTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static AgentStateChanged change(int secondsAfterT0, String queue, AgentState state, Boolean paused) {
        Instant t = T0.plusSeconds(secondsAfterT0);
        return new AgentStateChanged(new EventMeta("pbx1", t, t, null, null), queue, "Local/agent1@agents/n",
                "Agent One", state, paused, paused != null && paused ? "lunch" : null);
    }

    @Test
    void occupancyIsBusyOverStaffedTimePerInterval() {
        MetricsHarness h = new MetricsHarness("pbx1", "asterisk", MetricsHarness.policies(0));
        List.of(change(0, "support", AgentState.AVAILABLE, false),     // 10:00 staffed
                change(300, "support", AgentState.RINGING, false),      // 10:05
                change(310, "support", AgentState.BUSY, false),         // 10:05:10 busy
                change(610, "support", AgentState.AVAILABLE, false),    // 10:10:10
                change(720, "support", AgentState.AVAILABLE, true),     // 10:12 paused: not staffed
                change(840, "support", AgentState.AVAILABLE, false),    // 10:14
                change(1_000, "support", AgentState.BUSY, false),       // 10:16:40 busy across ...
                change(1_060, "support", AgentState.AVAILABLE, false))  // 10:17:40
                .forEach(h::apply);
        h.agents.creditAll(T0.plusSeconds(1_200)); // 10:20

        AgentMetrics first = agent(h, T0, T0.plusSeconds(900));
        assertThat(first.staffedMillis()).isEqualTo((720 + 60) * 1_000L); // 10:00-10:12 and 10:14-10:15
        assertThat(first.busyMillis()).isEqualTo(300_000L);
        assertThat(first.occupancy()).isEqualTo(Figures.percent(300, 780));
        AgentMetrics second = agent(h, T0.plusSeconds(900), T0.plusSeconds(1_800));
        assertThat(second.staffedMillis()).isEqualTo(300_000L);            // 10:15-10:20
        assertThat(second.busyMillis()).isEqualTo(60_000L);
        assertThat(second.live().state()).isEqualTo("AVAILABLE");
        assertThat(second.live().since()).isEqualTo(T0.plusSeconds(1_060));
        assertThat(second.live().queues()).containsExactly("support");
    }

    @Test
    void aLateOrRepeatedReportDoesNotCountTimeTwice() {
        MetricsHarness h = new MetricsHarness("pbx1", "asterisk", MetricsHarness.policies(0));
        h.apply(change(0, "support", AgentState.AVAILABLE, false));
        h.apply(change(0, "sales", AgentState.AVAILABLE, false)); // the same state reported per queue
        h.apply(change(600, "support", AgentState.BUSY, false));
        h.apply(change(600, "sales", AgentState.BUSY, false));
        h.apply(change(300, "support", AgentState.AVAILABLE, false)); // stale: arrives after 600
        h.agents.creditAll(T0.plusSeconds(900));
        AgentMetrics a = agent(h, T0, T0.plusSeconds(900));
        assertThat(a.staffedMillis()).isEqualTo(900_000L);
        assertThat(a.busyMillis()).isEqualTo(0L); // the stale report switched the agent back at 10:10
        assertThat(a.live().queues()).containsExactly("sales", "support");
    }

    @Test
    void pausedAgentsShowAsPausedAndLoggedOutLeavesTheQueue() {
        MetricsHarness h = new MetricsHarness("pbx1", "asterisk", MetricsHarness.policies(0));
        h.apply(change(0, "support", AgentState.AVAILABLE, true));
        assertThat(agent(h, T0, T0.plusSeconds(900)).live().state()).isEqualTo("PAUSED");
        QueueLive live = h.reports(T0.plusSeconds(10)).queue("support",
                MetricsHarness.window(T0, T0.plusSeconds(900))).live();
        assertThat(live.agentsByState()).containsEntry("PAUSED", 1);
        h.apply(change(60, "support", AgentState.LOGGED_OUT, false));
        assertThat(agent(h, T0, T0.plusSeconds(900)).live().queues()).isEmpty();
    }

    static AgentMetrics agent(MetricsHarness h, Instant from, Instant to) {
        return h.reports(to).agents(MetricsHarness.window(from, to)).stream()
                .filter(a -> a.agent().equals("Agent One")).findFirst().orElseThrow();
    }
}
