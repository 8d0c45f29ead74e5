package io.switchboard.routing;

import java.util.Map;
import java.util.Optional;

/**
 * New calls belong on their group's active node: a call that arrives on another member (a
 * standby while the primary is fine, or the primary during failback hold-down) is sent on to the
 * active member through the group's {@code via} place, before any rule is asked.
 */
final class GroupHop {

    private GroupHop() {
    }

    /**
     * @param active the group's active member, null when no member is healthy
     * @param via    the group's {@code via} places by target member
     */
    static Optional<RouteDecision> decide(RouteRequest request, String group, String active, Map<String, String> via,
                                          String tenant) {
        if (active == null || active.equals(request.node())) {
            return Optional.empty();
        }
        String place = via.get(active);
        if (place == null || place.indexOf(',') < 0) {
            return Optional.empty();
        }
        String[] parts = place.split(",", 2);
        Destination d = new Destination(parts[0].strip(), parts[1].strip());
        return Optional.of(new RouteDecision(RouteDecision.Outcome.NODE, null, d,
                Map.of(PolicyEngine.VAR_OUTCOME, RouteDecision.Outcome.NODE.name(), "SB_ROUTE_NODE", active),
                "node-group", "node " + request.node() + " is not the active member of group " + group + ": on to "
                + active, 0, tenant));
    }
}
