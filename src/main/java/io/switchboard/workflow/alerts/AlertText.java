package io.switchboard.workflow.alerts;

import io.switchboard.workflow.SlaBreached;

/** The words of an alert: a short subject and one body for every channel. */
record AlertText(String subject, String body) {

    static AlertText of(SlaBreached b) {
        String task = b.taskName() == null || b.taskName().isBlank() ? b.taskId() : b.taskName();
        String what = b.escalation() ? "escalated" : "overdue (level " + b.level() + ")";
        String subject = "Task '" + task + "' " + what;
        StringBuilder body = new StringBuilder("SLA ").append(b.escalation() ? "escalation" : "level " + b.level())
                .append(": task '").append(task).append("'");
        if (b.ticketId() != null) {
            body.append(" of ticket ").append(b.ticketId());
        }
        if (b.processKey() != null) {
            body.append(" (").append(b.processKey()).append(")");
        }
        if (b.dueAt() != null) {
            body.append(" was due at ").append(b.dueAt());
        }
        body.append(b.assignee() == null ? "; nobody has claimed it." : "; held by " + b.assignee() + ".");
        return new AlertText(subject, body.toString());
    }
}
