package io.switchboard.api;

import io.switchboard.calls.Disposition;

import java.time.Instant;

/** Criteria of {@code GET /api/v1/calls}; null means "any". {@code from} inclusive, {@code to} exclusive. */
public record CallFilter(Instant from, Instant to, String queue, String agent, Disposition disposition,
                         String caller, String node) {
}
