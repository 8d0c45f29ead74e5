package io.switchboard.metrics;

import io.switchboard.metrics.VisitFact.Attempt;
import io.switchboard.metrics.VisitFact.Outcome;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one call adds to the interval counters, by dimension. The engine adds it, and takes it
 * back before adding a newer version of the same call, so a call is never counted twice.
 * The counting rules are those of docs/metrics.md.
 */
final class Contribution {

    /** Where a part of the contribution goes: a dimension and an interval. */
    record Target(Dim dim, long interval) {
    }

    final Map<Target, Counters> parts = new LinkedHashMap<>();

    static Contribution of(VisitFact f, boolean repeat, QueuePolicies policies) {
        Contribution c = new Contribution();
        if (f.isFinal()) {
            c.at(Scope.NODE, f.node(), Intervals.of(f.startedAt())).inc(Counter.CALLS, 1);
        }
        if (!f.queued()) {
            return c;
        }
        ServiceLevelPolicy p = policies.policy(f.queue());
        long interval = Intervals.of(f.at());
        Counters q = queueCounters(f, repeat, p);
        c.at(Scope.QUEUE, f.queue(), interval).add(q);
        c.at(Scope.TENANT, policies.tenant(f.queue()), interval).add(q);
        c.at(Scope.NODE, f.node(), interval).add(q);
        for (Attempt a : f.attempts()) {
            if (a.agent() != null) {
                c.at(Scope.AGENT, a.agent(), interval).inc(Counter.OFFERED, 1)
                        .inc(Counter.RING_NO_ANSWER, a.noAnswer() ? 1 : 0);
            }
        }
        if (f.outcome() == Outcome.ANSWERED && f.agent() != null) {
            c.at(Scope.AGENT, f.agent(), interval)
                    .inc(Counter.ANSWERED, 1)
                    .inc(Counter.TALK_MS, f.talkMillis())
                    .inc(Counter.HOLD_MS, f.holdMillis())
                    .inc(Counter.WRAP_UP_MS, wrapUp(f, p))
                    .inc(Counter.TRANSFERRED, f.transferred() ? 1 : 0);
        }
        return c;
    }

    private static Counters queueCounters(VisitFact f, boolean repeat, ServiceLevelPolicy p) {
        Counters q = new Counters().inc(Counter.OFFERED, 1);
        long wait = f.waitMillis();
        switch (f.outcome()) {
            case ANSWERED -> {
                q.inc(Counter.ANSWERED, 1)
                        .inc(Counter.ANSWERED_IN_SL, wait <= p.thresholdSeconds() * 1_000 ? 1 : 0)
                        .inc(Counter.ANSWER_WAIT_MS, wait)
                        .inc(Counter.TALK_MS, f.talkMillis())
                        .inc(Counter.HOLD_MS, f.holdMillis())
                        .inc(Counter.WRAP_UP_MS, wrapUp(f, p))
                        .inc(Counter.TRANSFERRED, f.transferred() ? 1 : 0)
                        .inc(Counter.FCR_ELIGIBLE, 1)
                        .inc(Counter.FCR_REPEAT, repeat ? 1 : 0);
                waited(q, wait);
            }
            case ABANDONED -> {
                q.inc(Counter.ABANDONED, 1)
                        .inc(Counter.SHORT_ABANDONED, wait < p.shortAbandonSeconds() * 1_000 ? 1 : 0);
                waited(q, wait);
            }
            case TIMEOUT -> {
                q.inc(Counter.TIMEOUTS, 1);
                waited(q, wait);
            }
            case FAILED -> {
                q.inc(Counter.FAILED, 1);
                waited(q, wait);
            }
            default -> {
                // still waiting: offered only
            }
        }
        long noAnswer = f.attempts().stream().filter(Attempt::noAnswer).count();
        return q.inc(Counter.RING_NO_ANSWER, noAnswer);
    }

    private static void waited(Counters q, long wait) {
        q.inc(Counter.WAITED, 1).inc(Counter.WAIT_MS, wait).inc(Counter.WAIT_MAX_MS, wait);
    }

    /** Wrap-up follows the call, so only a finished call has it. */
    private static long wrapUp(VisitFact f, ServiceLevelPolicy p) {
        return f.isFinal() ? p.wrapUpSeconds() * 1_000 : 0;
    }

    private Counters at(Scope scope, String name, long interval) {
        return parts.computeIfAbsent(new Target(new Dim(scope, name), interval), t -> new Counters());
    }
}
