package io.switchboard.bus;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.LiveChannel;
import io.switchboard.calls.LiveReconciler;
import io.switchboard.calls.LiveSnapshot;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.calls.TransferType;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's stream around a lost connection, built from {@link ConsultTransfers} calls (which start
 * 0.7 s apart and last 40 s + 1 s per call): the events read before the gap, the live snapshot
 * taken at the reconnect, the events read after it. What the PBX reported in the gap is lost; the
 * snapshot lists the channels up at the reconnect, as the PBX would (the channel's latest call
 * id, its creation, answer, bridge and queue). With a gap from 42 s to 50 s, calls 2-5 end in it,
 * calls 60-71 begin in it, the consultations of calls 50-57 begin in it (adopted as calls of their
 * own, then merged into their call), and calls 39-49 lose their agent's leg in it (their
 * transfer is lost with it: consultations 39-46, begun before the gap, end as calls of their own
 * whose first leg was closed by the snapshot).
 */
record ReconnectGap(String node, List<CallEvent> before, LiveSnapshot snapshot, List<CallEvent> after) {

    static ReconnectGap of(String node, int calls, Instant start, Duration gapFrom, Duration gapTo) {
        Instant lost = start.plus(gapFrom);
        Instant back = start.plus(gapTo);
        List<CallEvent> all = ConsultTransfers.events(node, calls, start);
        List<CallEvent> before = all.stream().filter(e -> e.pbxTime().isBefore(lost)).toList();
        List<CallEvent> after = all.stream().filter(e -> !e.pbxTime().isBefore(back)).toList();
        List<CallEvent> upToReconnect = all.stream().filter(e -> e.pbxTime().isBefore(back)).toList();
        LiveSnapshot snapshot = new LiveSnapshot(liveAt(upToReconnect), back.minusMillis(2), back.minusMillis(1),
                lost);
        return new ReconnectGap(node, before, snapshot, after);
    }

    /** The channels up after {@code events}, in the order they were created. */
    private static List<LiveChannel> liveAt(List<CallEvent> events) {
        Map<String, Channel> legs = new LinkedHashMap<>();
        for (CallEvent e : events) {
            if (e.legId() == null) {
                continue;
            }
            Channel c = legs.computeIfAbsent(e.legId(), Channel::new);
            c.callId = e.callId();
            switch (e) {
                case LegCreated x -> {
                    c.created = x;
                }
                case LegAnswered x -> c.answered = true;
                case LegBridged x -> c.bridge = x.bridgeId();
                case LegUnbridged x -> c.bridge = null;
                case LegHeld x -> c.held = true;
                case LegUnheld x -> c.held = false;
                case QueueJoined x -> c.queue = x.queue();
                case QueueLeft x -> c.queue = null;
                case LegHangup x -> c.gone = true;
                default -> {
                }
            }
        }
        List<LiveChannel> out = new ArrayList<>();
        for (Channel c : legs.values()) {
            if (!c.gone && c.created != null) {
                LegCreated x = c.created;
                out.add(new LiveChannel(c.legId, c.callId, x.channel(), x.pbxTime(), c.answered, c.held, c.bridge,
                        x.callerNumber(), x.callerName(), x.context(), x.extension(),
                        c.queue != null ? "Queue" : c.bridge != null ? "AppDial" : "Dial", c.queue));
            }
        }
        return out;
    }

    private static final class Channel {
        final String legId;
        String callId;
        LegCreated created;
        boolean answered;
        boolean held;
        boolean gone;
        String bridge;
        String queue;

        Channel(String legId) {
            this.legId = legId;
        }
    }

    /**
     * The recovery rules hold for the 90-call gap of 42-50 s: every call has one record; calls ended
     * in the gap are settled when the connection was lost; calls begun in it were adopted and end
     * normally; consultations adopted in the gap are merged into their call by the later transfer.
     */
    static void assertRecovered(ReconnectGap gap, Map<String, CallRecord> records) {
        String n = gap.node() + ":";
        for (int i = 0; i < 90; i++) {
            CallRecord r = records.get(n + "A-" + i);
            assertThat(r).as("A-" + i).isNotNull();
            if (i >= 2 && i <= 5) {
                assertThat(r.hangupCauseText()).as("A-" + i).isEqualTo(LiveReconciler.SETTLED);
                assertThat(r.endedAt()).isEqualTo(gap.snapshot().lostAt());
            } else {
                assertThat(r.hangupCauseText()).as("A-" + i).isEqualTo("Normal Clearing");
            }
            if (i >= 60 && i <= 71) {
                assertThat(r.startedAt()).as("adopted A-" + i).isEqualTo(gap.before().getFirst().pbxTime()
                        .plusMillis(700L * i));
            }
            if (i >= 50 && i <= 57) {
                assertThat(records).doesNotContainKey(n + "B-" + i);
                assertThat(r.transfers()).as("A-" + i).singleElement()
                        .satisfies(x -> assertThat(x.type()).isEqualTo(TransferType.ATTENDED));
            }
        }
    }

    /** What the local mode makes of it: one tracker, fed the events and the snapshot in order. */
    Map<String, CallRecord> localRecords() {
        CallTracker tracker = new CallTracker(node, TrackerSettings.defaults("asterisk"));
        List<CallRecord> records = new ArrayList<>();
        before.forEach(e -> tracker.apply(e, records));
        tracker.resync(snapshot, records);
        after.forEach(e -> tracker.apply(e, records));
        assertThat(tracker.activeCount()).as("calls left open").isZero();
        Map<String, CallRecord> out = new HashMap<>();
        records.forEach(r -> assertThat(out.put(r.id(), r)).as("one record per id").isNull());
        return out;
    }
}
