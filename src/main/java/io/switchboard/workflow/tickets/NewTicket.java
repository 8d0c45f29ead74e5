package io.switchboard.workflow.tickets;

import java.math.BigDecimal;

/**
 * What opens a ticket, checked by {@link TicketService}.
 *
 * @param triggerKey set when a call opened it: a second ticket with the same key is not opened
 * @param unitId     the org unit that works it; null: the creating agent's unit, else the default
 */
public record NewTicket(String tenant, TicketKind kind, String subject, String description, String priority,
                        String callerNumber, String customerId, String callId, BigDecimal amount, String currency,
                        String agentId, String createdBy, String unitId, String triggerKey) {
}
