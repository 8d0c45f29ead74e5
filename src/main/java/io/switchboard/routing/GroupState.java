package io.switchboard.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which member of one active-standby group takes new calls, from the members' health over time.
 * The primary (first member) while healthy; when the active member fails, the first healthy member
 * in preference order at once (failover); back to the primary only once it has been healthy without
 * a break for {@code failbackAfter} (failback), so a flapping primary never takes calls back early
 * and a healthy standby stays active until then. Pure and single-threaded: time is passed in.
 */
final class GroupState {

    /** A change of active member: {@code failover} or {@code failback}; {@code null} from/to means none. */
    record Change(String kind, String from, String to, String reason) {
    }

    private final String group;
    private final List<String> members;
    private final Duration failbackAfter;
    /** Healthy since when; absent while unhealthy. */
    private final Map<String, Instant> healthySince = new LinkedHashMap<>();
    private final Map<String, String> whyUnhealthy = new LinkedHashMap<>();
    private String active;
    private Instant activeSince;

    /** Starts as if every member had been healthy since {@code start}: the primary is active, nothing is announced. */
    GroupState(String group, List<String> members, Duration failbackAfter, Instant start) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("group " + group + " has no members");
        }
        this.group = group;
        this.members = List.copyOf(members);
        this.failbackAfter = failbackAfter;
        members.forEach(m -> healthySince.put(m, start));
        this.active = members.getFirst();
        this.activeSince = start;
    }

    /** A member's health now; {@code why} says what is wrong when it is not healthy. */
    void update(String node, boolean healthy, String why, Instant now) {
        if (!members.contains(node)) {
            return;
        }
        if (healthy) {
            healthySince.putIfAbsent(node, now);
            whyUnhealthy.remove(node);
        } else {
            healthySince.remove(node);
            whyUnhealthy.put(node, why == null ? "unhealthy" : why);
        }
    }

    /** Moves the active member if the members' health calls for it; the change, if any. */
    Optional<Change> evaluate(Instant now) {
        String primary = primary();
        String next = choose(now);
        if (java.util.Objects.equals(next, active)) {
            return Optional.empty();
        }
        String from = active;
        active = next;
        activeSince = now;
        if (next == null) {
            return Optional.of(new Change("failover", from, null, "no healthy member: " + reason(from)));
        }
        if (next.equals(primary)) {
            String why = from == null ? primary + " healthy again"
                    : healthySince.containsKey(from) ? primary + " healthy for " + failbackAfter : reason(from);
            return Optional.of(new Change("failback", from, next, why));
        }
        String why = from == null ? next + " healthy again" : reason(from);
        return Optional.of(new Change("failover", from, next, why));
    }

    private String choose(Instant now) {
        String primary = primary();
        Instant primarySince = healthySince.get(primary);
        if (primarySince != null && (active == null || active.equals(primary)
                || !primarySince.plus(failbackAfter).isAfter(now))) {
            return primary; // active, or back for long enough, or nothing else takes calls anyway
        }
        if (active != null && healthySince.containsKey(active)) {
            return active; // a healthy standby keeps the calls until the primary has proved itself
        }
        return members.stream().filter(healthySince::containsKey).findFirst().orElse(null);
    }

    private String reason(String node) {
        return node == null ? "none was healthy" : node + " " + whyUnhealthy.getOrDefault(node, "unhealthy");
    }

    String group() {
        return group;
    }

    List<String> members() {
        return members;
    }

    String primary() {
        return members.getFirst();
    }

    Duration failbackAfter() {
        return failbackAfter;
    }

    Optional<String> active() {
        return Optional.ofNullable(active);
    }

    Instant activeSince() {
        return activeSince;
    }

    boolean healthy(String node) {
        return healthySince.containsKey(node);
    }

    Optional<Instant> healthySince(String node) {
        return Optional.ofNullable(healthySince.get(node));
    }
}
