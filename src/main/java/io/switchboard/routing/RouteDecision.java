package io.switchboard.routing;

import java.util.Map;

/**
 * Where a call goes and why.
 *
 * @param outcome     what kind of place it is
 * @param queue       the queue for {@link Outcome#QUEUE}, else the queue the call was meant for (may be null)
 * @param destination the dialplan place the PBX jumps to
 * @param variables   channel variables to set before the jump (priority, divert reason, ...)
 * @param strategy    the strategy (or control) that decided
 * @param reason      a short human-readable why, for logs and the routing state page
 * @param level       the degradation level in force for the call's tenant when decided (0-3)
 * @param tenant      the tenant the call belongs to
 */
public record RouteDecision(Outcome outcome, String queue, Destination destination, Map<String, String> variables,
                            String strategy, String reason, int level, String tenant) {

    public enum Outcome {
        /** Into a call-center queue. */
        QUEUE,
        /** Diverted to self-service: smart IVR, online chat offer, keypad IVR, or announcement. */
        DIVERT,
        /** A plain dialplan place (e.g. closed-hours message). */
        EXTENSION,
        /** Sent on to another node (least-loaded node, failover). */
        NODE
    }

    public RouteDecision {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
