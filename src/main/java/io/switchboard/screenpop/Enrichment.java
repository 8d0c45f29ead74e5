package io.switchboard.screenpop;

import java.util.List;

/** What the enrichment of a call found; the same for every agent the call is offered to. */
record Enrichment(Customer customer, PopCard.CustomerStatus customerStatus, List<PopCard.RecentCall> recentCalls,
                  List<PopCard.Ticket> openTickets) {

    static final Enrichment UNAVAILABLE =
            new Enrichment(null, PopCard.CustomerStatus.UNAVAILABLE, List.of(), List.of());

    Enrichment {
        recentCalls = List.copyOf(recentCalls);
        openTickets = List.copyOf(openTickets);
    }
}
