package io.switchboard.screenpop;

import io.switchboard.screenpop.PopCard.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One agent's card of one call. The lane thread moves its status and the enrichment fills it in;
 * every change builds a new {@link PopCard} and hands it on under this card's lock, so the agent's
 * desktop receives its cards in {@code seq} order. Handing on never blocks.
 */
final class AgentCard {

    /** Where cards go: the agent push, with the counting around it. */
    @FunctionalInterface
    interface Out {
        void send(String agentId, PopCard card);
    }

    private final CallPops call;
    private final String agentId;
    private final String agentInterface;
    private final Out out;

    private String agentLegId;
    private Status status = Status.RINGING;
    private Instant offeredAt;
    private Instant answeredAt;
    private String transferredTo;
    private Enrichment enrichment;
    private long enrichmentGeneration = -1;

    AgentCard(CallPops call, String agentId, String agentInterface, Out out) {
        this.call = call;
        this.agentId = agentId;
        this.agentInterface = agentInterface;
        this.out = out;
    }

    String agentId() {
        return agentId;
    }

    String agentInterface() {
        return agentInterface;
    }

    synchronized String agentLegId() {
        return agentLegId;
    }

    synchronized Status status() {
        return status;
    }

    /** Rings (again): a new offer; not sent until {@link #publish()}. */
    synchronized void offered(Instant at, String legId) {
        status = Status.RINGING;
        offeredAt = at;
        answeredAt = null;
        transferredTo = null;
        if (legId != null) {
            agentLegId = legId;
        }
    }

    /** Takes an enrichment without sending it (the card is about to be sent anyway). */
    synchronized void preset(long generation, Enrichment e) {
        if (generation > enrichmentGeneration) {
            enrichment = e;
            enrichmentGeneration = generation;
        }
    }

    /**
     * Takes an enrichment and sends the card; one of an earlier generation than the card has
     * (a lookup overtaken by a later one) is ignored.
     */
    synchronized void enrich(long generation, Enrichment e) {
        if (generation > enrichmentGeneration) {
            enrichment = e;
            enrichmentGeneration = generation;
            publish();
        }
    }

    synchronized void connected(Instant at) {
        status = Status.TALKING;
        answeredAt = at;
        publish();
    }

    synchronized void move(Status from, Status to) {
        if (status == from) {
            status = to;
            publish();
        }
    }

    synchronized void transferred(String to) {
        if (status == Status.TALKING || status == Status.HELD) {
            status = Status.TRANSFERRED;
            transferredTo = to;
            publish();
        }
    }

    /** The agent's part of the call is over, unless it already ended otherwise. */
    synchronized void end() {
        if (!status.isFinal()) {
            status = Status.ENDED;
            publish();
        }
    }

    /** Sends the card as it is now, unless it is over (call facts changed). */
    synchronized void refresh() {
        if (!status.isFinal()) {
            publish();
        }
    }

    synchronized PopCard publish() {
        PopCard card = build(call.nextSeq());
        out.send(agentId, card);
        return card;
    }

    private PopCard build(long seq) {
        CallFacts f = call.facts();
        Enrichment e = enrichment;
        Double wait = f.queuedAt() == null || offeredAt == null ? null
                : Math.max(0, Duration.between(f.queuedAt(), offeredAt).toMillis()) / 1000.0;
        return new PopCard(call.callId(), call.node(), seq, status, agentId, f.callerNumber(), f.callerName(),
                f.queue(), f.queuedAt(), offeredAt, answeredAt, wait, transferredTo, f.ivr(),
                e == null ? null : e.customer(),
                e == null ? PopCard.CustomerStatus.PENDING : e.customerStatus(),
                e == null ? List.of() : e.recentCalls(), e == null ? List.of() : e.openTickets(), e != null);
    }
}
