package io.switchboard.metrics;

import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallRecord.AgentAttempt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the metrics need to know of one call: its queue visit (if it had one) and how it ended.
 * Provisional facts come from a call in progress (offered, then answered), the final one from its
 * record; a call counts in the interval it joined its queue ({@code at}), or started if it had none.
 */
record VisitFact(String id, String node, String queue, String caller, Instant startedAt, Instant at,
                 Outcome outcome, long waitMillis, String agent, long talkMillis, long holdMillis,
                 boolean transferred, List<Attempt> attempts, boolean isFinal) {

    enum Outcome { WAITING, ANSWERED, ABANDONED, TIMEOUT, FAILED, NO_QUEUE }

    /** One offer of the call to an agent's phone. */
    record Attempt(String agent, boolean noAnswer) {
    }

    VisitFact {
        attempts = List.copyOf(attempts);
    }

    boolean queued() {
        return queue != null;
    }

    static VisitFact fromRecord(CallRecord r) {
        List<Attempt> attempts = new ArrayList<>(r.agentAttempts().size());
        for (AgentAttempt a : r.agentAttempts()) {
            attempts.add(new Attempt(agentKey(a.agentName(), a.agentInterface()),
                    a.outcome() == AgentAttempt.Outcome.NO_ANSWER));
        }
        return of(r.id(), r.node(), r.queue(), r.callerNumber(), r.startedAt(), r.queuedAt(),
                r.disposition().name(), r.waitMillis(), agentKey(r.agentName(), r.agentInterface()),
                r.talkMillis(), r.holdMillis(), !r.transfers().isEmpty(), attempts);
    }

    /** From the stored columns of a call record (the restart path; same rules as {@link #fromRecord}). */
    static VisitFact of(String id, String node, String queue, String caller, Instant startedAt, Instant queuedAt,
                        String disposition, long wait, String agent, long talk, long hold, boolean transferred,
                        List<Attempt> attempts) {
        if (queue == null || queuedAt == null) {
            return new VisitFact(id, node, null, caller, startedAt, startedAt, Outcome.NO_QUEUE, 0, null, 0, 0,
                    false, List.of(), true);
        }
        Outcome o = switch (disposition) {
            case "ANSWERED" -> Outcome.ANSWERED;
            case "TIMEOUT" -> Outcome.TIMEOUT;
            case "FAILED" -> Outcome.FAILED;
            default -> Outcome.ABANDONED;
        };
        boolean answered = o == Outcome.ANSWERED;
        return new VisitFact(id, node, queue, caller, startedAt, queuedAt, o, wait, answered ? agent : null,
                answered ? talk : 0, answered ? hold : 0, answered && transferred, attempts, true);
    }

    /** A queued call in progress: offered, or answered once an agent took it. Null if not queued. */
    static VisitFact fromView(ActiveCall v) {
        if (v.queue() == null || v.queuedAt() == null) {
            return null;
        }
        if (v.answeredAt() != null) {
            long wait = Math.max(0, Duration.between(v.queuedAt(), v.answeredAt()).toMillis());
            String agent = agentKey(v.agentName(), v.agentInterface());
            // the answering offer counts now; earlier unanswered offers come with the record
            List<Attempt> offers = agent == null ? List.of() : List.of(new Attempt(agent, false));
            return new VisitFact(v.id(), v.node(), v.queue(), v.callerNumber(), v.startedAt(), v.queuedAt(),
                    Outcome.ANSWERED, wait, agent, 0, 0, false, offers, false);
        }
        return new VisitFact(v.id(), v.node(), v.queue(), v.callerNumber(), v.startedAt(), v.queuedAt(),
                Outcome.WAITING, 0, null, 0, 0, false, List.of(), false);
    }

    /** Agents are known by their member name where the PBX gives one, else by their interface. */
    static String agentKey(String name, String iface) {
        return name != null && !name.isEmpty() ? name : iface;
    }
}
