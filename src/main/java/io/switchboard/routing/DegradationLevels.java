package io.switchboard.routing;

import io.switchboard.routing.RoutingPolicy.TenantPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The degradation level of each tenant, from its load and its thresholds, with manual overrides.
 * Plain and clock-driven so the rules are tested without a server:
 * <ul>
 *   <li>a level is entered as soon as any threshold set for it is reached, several levels at once if need be;</li>
 *   <li>it is left one level at a time, once every figure has stayed below leaveRatio x that level's
 *       thresholds for holdDownSeconds; a figure back above restarts the wait, and each step down
 *       waits again, so the level does not flap;</li>
 *   <li>an override sets the level in force until it expires or is cleared; the computed level
 *       goes on being worked out meanwhile and applies again afterwards.</li>
 * </ul>
 * Every change comes back as {@link RoutingEvent}s for the caller to publish. Methods are
 * synchronized (called once per load interval and by admins); {@link #level} reads without a lock.
 */
public final class DegradationLevels {

    static final String SYSTEM = "system";

    private static final class State {
        int computed;
        String computedReason = "normal";
        Instant computedSince;
        /** Since when the figures have been calm enough to leave {@link #computed}; null while not. */
        Instant calmSince;
        LevelStatus.Override override;
        int inForce;
        Instant inForceSince;
        String inForceReason = "normal";
    }

    private final Clock clock;
    private final Map<String, State> states = new TreeMap<>();
    private final Map<String, Integer> inForce = new ConcurrentHashMap<>();

    public DegradationLevels(Clock clock) {
        this.clock = clock;
    }

    /** The level in force for a tenant's new calls; 0 for a tenant never seen. */
    public int level(String tenant) {
        return inForce.getOrDefault(tenant, 0);
    }

    /**
     * Works out a tenant's level from its load, and expires its override when due.
     *
     * @param policy the tenant's thresholds; null when the policy has none for it (level 0)
     */
    public synchronized List<RoutingEvent> update(String tenant, TenantPolicy policy, LoadSnapshot.TenantLoad load) {
        Instant now = clock.instant();
        State s = state(tenant, now);
        List<RoutingEvent> out = new ArrayList<>();
        expire(tenant, s, now, out);
        int before = s.computed;
        if (policy == null) {
            s.calmSince = null;
            if (s.computed != 0) {
                computed(tenant, s, 0, "no thresholds for tenant " + tenant, now, out);
            }
            return out;
        }
        LevelThresholds.Reached reached = LevelThresholds.reached(policy, load);
        if (reached.level() > s.computed) {
            s.calmSince = null;
            computed(tenant, s, reached.level(), reached.reason(), now, out);
        } else if (s.computed > 0) {
            if (!LevelThresholds.calm(policy, s.computed, load)) {
                s.calmSince = null; // a spike during the hold-down starts the wait again
            } else {
                if (s.calmSince == null) {
                    s.calmSince = now;
                }
                int hold = LevelThresholds.holdDownSeconds(policy);
                if (!now.isBefore(s.calmSince.plusSeconds(hold))) {
                    String why = "below " + LevelThresholds.leaveRatio(policy) + " x level " + before
                            + " thresholds for " + hold + " s";
                    computed(tenant, s, before - 1, why, now, out);
                    // the next step down waits its own hold-down, from now if already calm enough for it
                    s.calmSince = s.computed > 0 && LevelThresholds.calm(policy, s.computed, load) ? now : null;
                }
            }
        }
        return out;
    }

    /**
     * Puts {@code level} in force for {@code duration}.
     *
     * @throws IllegalArgumentException for a level outside 0..3 or a duration not positive or past {@code max}
     */
    public synchronized Result override(String tenant, int level, Duration duration, Duration max, String actor,
                                        String reason) {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("a tenant is needed");
        }
        if (level < 0 || level > 3) {
            throw new IllegalArgumentException("level must be 0, 1, 2 or 3, not " + level);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("an override needs a positive duration");
        }
        if (duration.compareTo(max) > 0) {
            throw new IllegalArgumentException("an override may last at most " + max + ", not " + duration);
        }
        Instant now = clock.instant();
        State s = state(tenant, now);
        String who = actor == null || actor.isBlank() ? SYSTEM : actor;
        String why = reason == null || reason.isBlank() ? "manual override" : reason;
        s.override = new LevelStatus.Override(level, now.plus(duration), who, why);
        List<RoutingEvent> out = new ArrayList<>();
        out.add(new RoutingEvent(now, "override", tenant, Integer.toString(s.inForce), Integer.toString(level),
                why + " (until " + s.override.until() + ")", who));
        apply(tenant, s, now, why);
        return new Result(status(tenant, s), out);
    }

    /** Ends a tenant's override now; no events when it has none. */
    public synchronized List<RoutingEvent> clearOverride(String tenant, String actor) {
        State s = states.get(tenant);
        if (s == null || s.override == null) {
            return List.of();
        }
        Instant now = clock.instant();
        int from = s.inForce;
        s.override = null;
        apply(tenant, s, now, s.computedReason);
        return List.of(new RoutingEvent(now, "override", tenant, Integer.toString(from), Integer.toString(s.inForce),
                "override cleared", actor == null || actor.isBlank() ? SYSTEM : actor));
    }

    /** Expires due overrides of every tenant (the load may stop coming for a tenant that has one). */
    public synchronized List<RoutingEvent> expireOverrides() {
        Instant now = clock.instant();
        List<RoutingEvent> out = new ArrayList<>();
        states.forEach((tenant, s) -> expire(tenant, s, now, out));
        return out;
    }

    public synchronized LevelStatus status(String tenant) {
        State s = states.get(tenant);
        return s == null ? new LevelStatus(tenant, 0, 0, null, "normal", null) : status(tenant, s);
    }

    /** Every tenant seen so far, by name. */
    public synchronized List<LevelStatus> statuses() {
        List<LevelStatus> out = new ArrayList<>();
        states.forEach((tenant, s) -> out.add(status(tenant, s)));
        return out;
    }

    /** An override's outcome: the status now and the events to publish. */
    public record Result(LevelStatus status, List<RoutingEvent> events) {
    }

    private State state(String tenant, Instant now) {
        return states.computeIfAbsent(tenant, t -> {
            State s = new State();
            s.computedSince = now;
            s.inForceSince = now;
            return s;
        });
    }

    private void computed(String tenant, State s, int level, String reason, Instant now, List<RoutingEvent> out) {
        String note = s.override == null ? "" : " (override to level " + s.override.level() + " in force)";
        out.add(new RoutingEvent(now, "level", tenant, Integer.toString(s.computed), Integer.toString(level),
                reason + note, SYSTEM));
        s.computed = level;
        s.computedReason = reason;
        s.computedSince = now;
        apply(tenant, s, now, reason);
    }

    private void expire(String tenant, State s, Instant now, List<RoutingEvent> out) {
        if (s.override == null || now.isBefore(s.override.until())) {
            return;
        }
        int from = s.inForce;
        s.override = null;
        apply(tenant, s, now, s.computedReason);
        out.add(new RoutingEvent(now, "override", tenant, Integer.toString(from), Integer.toString(s.inForce),
                "override expired", SYSTEM));
    }

    /** Puts the override's or the computed level in force. */
    private void apply(String tenant, State s, Instant now, String reason) {
        int level = s.override != null ? s.override.level() : s.computed;
        if (level != s.inForce) {
            s.inForce = level;
            s.inForceSince = now;
        }
        s.inForceReason = s.override != null ? s.override.reason() : reason;
        inForce.put(tenant, level);
    }

    private static LevelStatus status(String tenant, State s) {
        return new LevelStatus(tenant, s.inForce, s.computed, s.inForceSince, s.inForceReason, s.override);
    }
}
