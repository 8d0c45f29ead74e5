package io.switchboard.agents;

import java.time.Instant;

/**
 * An agent finished wrap-up with a disposition for a call: fired asynchronously (CDI
 * {@code fireAsync}) after the disposition was saved, for workflows that react to it.
 */
public record DispositionRecorded(String tenant, String callId, String agentId, String code, String note,
                                  String username, Instant at) {
}
