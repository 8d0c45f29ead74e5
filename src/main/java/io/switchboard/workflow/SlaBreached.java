package io.switchboard.workflow;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A user task's SLA timer fired: fired as a CDI event by the process (on the job executor's
 * thread, inside its transaction), observed by the alerting. Observers hand off and never block.
 *
 * @param tenant            the tenant the process runs for (Camunda tenant id)
 * @param level             1 = first warning, rising with each later timer of the same task
 * @param escalation        true for the interrupting timer that takes the task away from its people
 * @param processKey        BPMN process definition key
 * @param processInstanceId the running instance
 * @param taskId            the user task (dedup key together with the level)
 * @param taskName          the task's name, for the message
 * @param ticketId          the ticket the process works on; null when it has none
 * @param assignee          the username holding the task; null when unclaimed
 * @param candidateGroups   the groups / org units the task is offered to
 * @param dueAt             when the task should have been done by
 * @param firedAt           when the timer fired (engine clock)
 */
public record SlaBreached(String tenant, int level, boolean escalation, String processKey, String processInstanceId,
                          String taskId, String taskName, String ticketId, String assignee,
                          Set<String> candidateGroups, Instant dueAt, Instant firedAt) {
    public SlaBreached {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(firedAt, "firedAt");
        candidateGroups = candidateGroups == null ? Set.of() : Set.copyOf(candidateGroups);
        if (level < 1) {
            throw new IllegalArgumentException("level starts at 1");
        }
    }
}
