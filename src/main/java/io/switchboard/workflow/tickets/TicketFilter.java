package io.switchboard.workflow.tickets;

/** A page of a tenant's tickets; null fields do not filter. {@code createdBy} limits an agent to its own. */
public record TicketFilter(String tenant, String status, TicketKind kind, String customerId, String callId,
                           String createdBy, int page, int size) {
}
