package io.switchboard.workflow.deploy;

import java.time.Instant;
import java.util.List;

/** What the workflow API answers: plain records, never the engine's entities. */
public final class WorkflowViews {

    private WorkflowViews() {
    }

    /** {@code kind}: bpmn (a process) or dmn (a decision table); {@code tenant} null for shared definitions. */
    public record Definition(String kind, String id, String key, String name, int version, String tenant,
                             String deploymentId, Instant deployedAt, String resourceName, long runningInstances) {
    }

    /** {@code deployedBy}: the user who deployed it through the API ({@code null} for the service's own). */
    public record Deployment(String id, String name, String tenant, Instant deployedAt, String deployedBy,
                             String source, List<String> resources) {
    }

    /** {@code duplicate}: nothing had changed, so no new version was made. */
    public record Deployed(Deployment deployment, boolean duplicate, List<Definition> definitions) {
    }
}
