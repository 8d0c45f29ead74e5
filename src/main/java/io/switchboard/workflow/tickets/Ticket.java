package io.switchboard.workflow.tickets;

import java.math.BigDecimal;
import java.time.Instant;

/** A ticket as stored; {@code status} open, in-progress, escalated, resolved or closed. */
public record Ticket(String id, String tenant, TicketKind kind, String status, String priority, String subject,
                     String description, String callerNumber, String customerId, String callId, BigDecimal amount,
                     String currency, String agentId, String createdBy, String unitId, String processKey,
                     String processInstanceId, String outcome, Instant createdAt, Instant updatedAt, Instant closedAt) {

    public static final String OPEN = "open";
    public static final String IN_PROGRESS = "in-progress";
    public static final String ESCALATED = "escalated";
    public static final String RESOLVED = "resolved";
    public static final String CLOSED = "closed";

    public boolean finished() {
        return RESOLVED.equals(status) || CLOSED.equals(status);
    }
}
