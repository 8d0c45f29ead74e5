package io.switchboard.bus;

import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;
import io.switchboard.events.EventMeta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Attended transfers whose consultation is a call of its own, as Asterisk reports them when the
 * agent's phone places the consultation and completes the transfer itself (REFER with
 * Replaces): the consultation has its own Linkedid, and the AttendedTransfer event carries both.
 * Call {@code A-i} is a queue call answered by agent {@code i}; the agent's phone calls the
 * target in call {@code B-i}, which is then merged into {@code A-i}. The truth: one record
 * per {@code A-i}, answered, one attended transfer to the target's extension, none for {@code B-i}.
 */
final class ConsultTransfers {

    static final String TARGET = "2000";

    private ConsultTransfers() {
    }

    /** The events of {@code n} such calls, interleaved by PBX time as the node reports them. */
    static List<CallEvent> events(String node, int n, Instant start) {
        List<CallEvent> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.addAll(call(node, i, start.plusMillis(700L * i)));
        }
        all.sort(Comparator.comparing(CallEvent::pbxTime)); // stable: each call keeps its order
        return all;
    }

    static List<CallEvent> call(String node, int i, Instant t0) {
        String a = "A-" + i;
        String b = "B-" + i;
        String caller = a + ".1";
        String agent = a + ".2";
        String consult = b + ".1";
        String target = b + ".2";
        String queue = List.of("support", "sales", "billing").get(i % 3);
        String agentIf = "PJSIP/10" + (10 + i % 7);
        Clock c = new Clock(node, t0);
        List<CallEvent> e = new ArrayList<>();
        e.add(new LegCreated(c.at(0, a, caller), "PJSIP/trunk-" + i, "0301555" + (1000 + i), "Caller " + i,
                "from-pstn", "100"));
        e.add(new LegAnswered(c.at(100, a, caller)));
        e.add(new QueueJoined(c.at(200, a, caller), queue, 1));
        e.add(new LegCreated(c.at(1_200, a, agent), agentIf + "-" + i, "100", "Caller " + i, "from-queue", "100"));
        e.add(new AgentOffered(c.at(1_200, a, caller), queue, agentIf, "Agent " + i, agent));
        e.add(new LegAnswered(c.at(3_000, a, agent)));
        e.add(new AgentConnected(c.at(3_000, a, caller), queue, agentIf, "Agent " + i, agent, 3, 2));
        e.add(new QueueLeft(c.at(3_000, a, caller), queue));
        e.add(new LegBridged(c.at(3_010, a, caller), "br-" + a, 1));
        e.add(new LegBridged(c.at(3_010, a, agent), "br-" + a, 2));
        e.add(new LegHeld(c.at(9_000, a, caller)));
        e.add(new LegUnbridged(c.at(9_000, a, agent), "br-" + a));
        // the consultation: the agent's phone calls the target, a call of its own
        e.add(new LegCreated(c.at(9_500, b, consult), agentIf + "-c" + i, "10" + (10 + i % 7), "Agent " + i,
                "internal", TARGET));
        e.add(new DialStarted(c.at(9_500, b, consult), target, "PJSIP/" + TARGET + "-" + i, "PJSIP/" + TARGET));
        e.add(new LegCreated(c.at(9_510, b, target), "PJSIP/" + TARGET + "-" + i, "10" + (10 + i % 7),
                "Agent " + i, "internal", TARGET));
        e.add(new LegAnswered(c.at(11_000, b, target)));
        e.add(new DialEnded(c.at(11_000, b, consult), target, "ANSWER"));
        e.add(new LegBridged(c.at(11_010, b, consult), "br-" + b, 1));
        e.add(new LegBridged(c.at(11_010, b, target), "br-" + b, 2));
        e.add(new AttendedTransferred(c.at(15_000, a, agent), caller, target, "PJSIP/" + TARGET + "-" + i, b, true));
        e.add(new LegUnbridged(c.at(15_000, b, consult), "br-" + b));
        e.add(new LegHangup(c.at(15_010, b, consult), 16, "Normal Clearing"));
        e.add(new LegHangup(c.at(15_020, a, agent), 16, "Normal Clearing"));
        e.add(new LegUnheld(c.at(15_030, a, caller)));
        e.add(new LegBridged(c.at(15_030, a, caller), "br-" + b, 2));
        e.add(new LegUnbridged(c.at(40_000 + 1_000L * i, b, target), "br-" + b));
        e.add(new LegHangup(c.at(40_000 + 1_000L * i, b, target), 16, "Normal Clearing"));
        e.add(new LegUnbridged(c.at(40_010 + 1_000L * i, a, caller), "br-" + b));
        e.add(new LegHangup(c.at(40_010 + 1_000L * i, a, caller), 16, "Normal Clearing"));
        return e;
    }

    private record Clock(String node, Instant t0) {
        EventMeta at(long millis, String call, String leg) {
            Instant t = t0.plusMillis(millis);
            return new EventMeta(node, t, t.plusNanos(1_234), call, leg);
        }
    }
}
