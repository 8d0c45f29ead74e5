package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Active-standby node groups: health per node from its connection and heartbeats, the active
 * member of each group (the primary while healthy, else the first healthy standby), failback
 * after the primary has stayed healthy for a while.
 */
@ApplicationScoped
public class NodeGroups {

    public boolean healthy(String node) {
        return true;
    }

    public Optional<String> groupOf(String node) {
        return Optional.empty();
    }

    /** The node new calls and originates of {@code group} go to, empty when no member is healthy. */
    public Optional<String> active(String group) {
        return Optional.empty();
    }

    /**
     * Where a new call or originate meant for {@code node} should go: the node itself unless it
     * belongs to a group whose active member is another node.
     */
    public String nodeFor(String node) {
        return node;
    }

    public List<GroupStatus> groups() {
        return List.of();
    }

    /** A group now. */
    public record GroupStatus(String group, String active, List<Member> members, java.time.Instant activeSince) {
        public record Member(String node, String role, boolean healthy, String state, int missedHeartbeats) {
        }
    }
}
