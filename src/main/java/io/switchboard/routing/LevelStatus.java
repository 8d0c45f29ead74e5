package io.switchboard.routing;

import java.time.Instant;

/**
 * A tenant's degradation level now.
 *
 * @param level         the level in force (the override's while one is active)
 * @param computedLevel what the thresholds say
 * @param since         when the level in force began
 * @param reason        why (the threshold reached, or the override's reason)
 * @param override      the manual override, null when none
 */
public record LevelStatus(String tenant, int level, int computedLevel, Instant since, String reason,
                          Override override) {

    /** A manual level, in force until {@code until}. */
    public record Override(int level, Instant until, String actor, String reason) {
    }
}
