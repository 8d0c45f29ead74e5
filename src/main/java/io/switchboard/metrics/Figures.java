package io.switchboard.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Derives the published figures from counters; formulas are documented in docs/metrics.md. */
final class Figures {

    private Figures() {
    }

    static QueueFigures of(Counters c, ServiceLevelVariant variant) {
        long answered = c.get(Counter.ANSWERED);
        long abandoned = c.get(Counter.ABANDONED);
        long shortAbandoned = c.get(Counter.SHORT_ABANDONED);
        long timeouts = c.get(Counter.TIMEOUTS);
        long offered = c.get(Counter.OFFERED);
        long slBase = switch (variant) {
            case ANSWERED -> answered;
            case ANSWERED_AND_LONG_ABANDONED -> answered + abandoned - shortAbandoned + timeouts;
            case OFFERED -> answered + abandoned + timeouts;
        };
        long handle = c.get(Counter.TALK_MS) + c.get(Counter.HOLD_MS) + c.get(Counter.WRAP_UP_MS);
        long eligible = c.get(Counter.FCR_ELIGIBLE);
        return new QueueFigures(offered, answered, c.get(Counter.ANSWERED_IN_SL), abandoned, shortAbandoned,
                timeouts, c.get(Counter.FAILED), c.get(Counter.RING_NO_ANSWER), c.get(Counter.TRANSFERRED),
                percent(c.get(Counter.ANSWERED_IN_SL), slBase),
                average(c.get(Counter.ANSWER_WAIT_MS), answered),
                average(handle, answered),
                average(c.get(Counter.WAIT_MS), c.get(Counter.WAITED)),
                c.get(Counter.WAIT_MAX_MS),
                percent(abandoned - shortAbandoned, offered - shortAbandoned),
                percent(c.get(Counter.TRANSFERRED), answered),
                percent(eligible - c.get(Counter.FCR_REPEAT), eligible));
    }

    static AgentMetrics agent(String name, String window, long fromUs, long toUs, Counters c, AgentLive live) {
        long answered = c.get(Counter.ANSWERED);
        long handle = c.get(Counter.TALK_MS) + c.get(Counter.HOLD_MS) + c.get(Counter.WRAP_UP_MS);
        long staffed = c.get(Counter.STAFFED_MS);
        long busy = c.get(Counter.BUSY_MS);
        return new AgentMetrics(name, window, Intervals.instant(fromUs), Intervals.instant(toUs),
                c.get(Counter.OFFERED), answered, c.get(Counter.RING_NO_ANSWER), c.get(Counter.TRANSFERRED),
                c.get(Counter.TALK_MS), c.get(Counter.HOLD_MS), c.get(Counter.WRAP_UP_MS), average(handle, answered),
                staffed, busy, percent(busy, staffed), live);
    }

    /** 100 * part / whole, two decimals, half up; null without a whole. */
    static Double percent(long part, long whole) {
        if (whole <= 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP).doubleValue();
    }

    /** total / count in whole milliseconds, half up; null without a count. */
    static Long average(long total, long count) {
        if (count <= 0) {
            return null;
        }
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValue();
    }
}
