package io.switchboard.workflow.todos;

import java.time.Instant;

/**
 * A user task as its people see it. {@code decision}: what completing it needs ({@code approval}:
 * approved true/false, {@code resolution}: resolved true/false, {@code callback}: an outcome), or
 * null for a task of a process this service does not know.
 */
public record Todo(String id, String name, String taskKey, String processKey, String processInstanceId,
                   String ticketId, String assignee, Instant created, Instant due, String decision) {
}
