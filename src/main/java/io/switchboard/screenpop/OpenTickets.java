package io.switchboard.screenpop;

import java.util.List;

/**
 * Tickets not closed or resolved, of the caller's number or customer id, newest first.
 * Blocking: called off the lane threads.
 */
@FunctionalInterface
public interface OpenTickets {

    List<PopCard.Ticket> find(String tenant, String callerNumber, String customerId);
}
