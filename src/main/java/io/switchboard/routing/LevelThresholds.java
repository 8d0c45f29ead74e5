package io.switchboard.routing;

import io.switchboard.routing.RoutingPolicy.TenantPolicy;
import io.switchboard.routing.RoutingPolicy.Thresholds;

import java.util.Locale;

/**
 * How a tenant's load compares with the thresholds of its policy: which level the figures reach
 * (and which threshold says so), and whether they are calm enough to leave a level.
 */
final class LevelThresholds {

    /** Used when the policy does not say. */
    static final double DEFAULT_LEAVE_RATIO = 0.7;
    static final int DEFAULT_HOLD_DOWN_SECONDS = 30;

    /** The highest level whose thresholds are reached, and the first threshold of it reached. */
    record Reached(int level, String reason) {
    }

    private LevelThresholds() {
    }

    static Thresholds of(TenantPolicy p, int level) {
        return switch (level) {
            case 1 -> p.level1();
            case 2 -> p.level2();
            case 3 -> p.level3();
            default -> null;
        };
    }

    static double leaveRatio(TenantPolicy p) {
        return p.leaveRatio() == null ? DEFAULT_LEAVE_RATIO : p.leaveRatio();
    }

    static int holdDownSeconds(TenantPolicy p) {
        return p.holdDownSeconds() == null ? DEFAULT_HOLD_DOWN_SECONDS : p.holdDownSeconds();
    }

    /** Level 3 first, so figures past several levels at once enter the highest of them. */
    static Reached reached(TenantPolicy p, LoadSnapshot.TenantLoad load) {
        for (int level = 3; level >= 1; level--) {
            String why = firstReached(of(p, level), load, 1.0);
            if (why != null) {
                return new Reached(level, why);
            }
        }
        return new Reached(0, null);
    }

    /** True when every figure with a threshold at {@code level} is below ratio x that threshold. */
    static boolean calm(TenantPolicy p, int level, LoadSnapshot.TenantLoad load) {
        return firstReached(of(p, level), load, leaveRatio(p)) == null;
    }

    /**
     * The first set threshold (times {@code ratio}) the load reaches, as a sentence ("waiting 27 >= 25"),
     * or null when none is; thresholds not set are ignored.
     */
    static String firstReached(Thresholds t, LoadSnapshot.TenantLoad load, double ratio) {
        if (t == null) {
            return null;
        }
        if (t.waiting() != null && load.waiting() >= t.waiting() * ratio) {
            return "waiting " + load.waiting() + " >= " + num(t.waiting() * ratio);
        }
        double waitSeconds = load.longestWaitMs() / 1000.0;
        if (t.longestWaitSeconds() != null && waitSeconds >= t.longestWaitSeconds() * ratio) {
            return "longest wait " + num(Math.floor(waitSeconds)) + " s >= " + num(t.longestWaitSeconds() * ratio) + " s";
        }
        if (t.lineUse() != null && load.lineUse() >= t.lineUse() * ratio) {
            return "line use " + fraction(load.lineUse()) + " >= " + fraction(t.lineUse() * ratio);
        }
        if (t.commandErrorRate() != null && load.commandErrorRate() >= t.commandErrorRate() * ratio) {
            return "command error rate " + fraction(load.commandErrorRate()) + " >= "
                    + fraction(t.commandErrorRate() * ratio);
        }
        return null;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fraction(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
