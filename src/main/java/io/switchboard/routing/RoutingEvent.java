package io.switchboard.routing;

import java.time.Instant;

/**
 * A transition the control console made or was told to make: a degradation level entered or left,
 * an override set or expired, a failover or failback, a policy saved. Each one is audited, counted
 * and pushed to {@code /ws/routing}.
 *
 * @param kind  {@code level}, {@code override}, {@code failover}, {@code failback}, {@code policy}, {@code breaker}
 * @param scope the tenant, node group, node or policy it concerns
 * @param from  the state before (level number, node id, policy version)
 * @param to    the state after
 * @param actor who did it: a username, or {@code system} for automatic transitions
 */
public record RoutingEvent(Instant at, String kind, String scope, String from, String to, String reason,
                           String actor) {
}
