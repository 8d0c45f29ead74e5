package io.switchboard.workflow.tickets;

import java.time.Instant;

/** One logged step of a ticket: who did what, the value before and after. */
public record TicketEvent(long id, String ticketId, Instant at, String actor, String action, String before,
                          String after, String detail) {
}
