package io.switchboard.workflow.alerts;

/**
 * One message to one recipient through one channel.
 *
 * @param level 0 for a test message, otherwise the SLA level
 */
public record AlertMessage(String tenant, int level, boolean escalation, String subject, String text,
                           AlertContact recipient, String taskId, String ticketId) {
}
