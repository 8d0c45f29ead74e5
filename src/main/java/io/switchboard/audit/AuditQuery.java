package io.switchboard.audit;

import java.time.Instant;

/**
 * What to read from the trail, newest first. Every filter but {@code tenant} may be null.
 *
 * @param actionPrefix e.g. {@code cti.} or {@code routing.policy.}
 * @param cursor       the {@code next} of the previous page
 */
public record AuditQuery(String tenant, String actor, String actionPrefix, String targetType, String targetId,
                         String agentId, Instant from, Instant to, Cursor cursor, int limit) {

    /** Where a page ended: entries older than this one come next. */
    public record Cursor(long atUs, long id) {

        /** {@code <atUs>-<id>}, or empty when it is not one. */
        public static java.util.Optional<Cursor> parse(String s) {
            int dash = s == null ? -1 : s.indexOf('-');
            if (dash < 1) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(new Cursor(Long.parseLong(s.substring(0, dash)),
                        Long.parseLong(s.substring(dash + 1))));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }

        @Override
        public String toString() {
            return atUs + "-" + id;
        }
    }
}
