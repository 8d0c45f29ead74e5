package io.switchboard.screenpop;

import io.switchboard.agents.AgentRef;
import io.switchboard.calls.ActiveCall;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.AgentCompleted;
import io.switchboard.events.CallEvent.AgentConnected;
import io.switchboard.events.CallEvent.AgentRingNoAnswer;
import io.switchboard.events.CallEvent.AttendedTransferred;
import io.switchboard.events.CallEvent.BlindTransferred;
import io.switchboard.events.CallEvent.CallerIdUpdated;
import io.switchboard.events.CallEvent.LegHangup;
import io.switchboard.events.CallEvent.LegHeld;
import io.switchboard.events.CallEvent.LegUnheld;
import io.switchboard.screenpop.PopCard.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the screen-pop keeps about one call: its IVR data, the cards of the agents it was
 * offered to, and its enrichment (started once, shared by all its cards). Owned by the node's
 * lane thread; only the cards (locked) and the facts (an immutable snapshot) are read by the
 * enrichment threads.
 */
final class CallPops {

    /** IVR variables kept per call at most (the call model reports only the configured ones). */
    static final int MAX_IVR_VARIABLES = 64;

    private final String callId;
    private final String node;
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, String> ivr = new LinkedHashMap<>();
    private final List<AgentCard> cards = new ArrayList<>(2);
    private volatile CallFacts facts = CallFacts.NONE;
    private CompletableFuture<Enrichment> enrichment;
    private CustomerQuery query;
    private long enrichmentGeneration;
    private Instant lastEventAt;

    CallPops(String callId, String node, Instant now) {
        this.callId = callId;
        this.node = node;
        this.lastEventAt = now;
    }

    String callId() {
        return callId;
    }

    String node() {
        return node;
    }

    CallFacts facts() {
        return facts;
    }

    long nextSeq() {
        return seq.incrementAndGet();
    }

    Instant lastEventAt() {
        return lastEventAt;
    }

    boolean hasCards() {
        return !cards.isEmpty();
    }

    CompletableFuture<Enrichment> enrichment() {
        return enrichment;
    }

    long enrichmentGeneration() {
        return enrichmentGeneration;
    }

    /** The query of the latest enrichment; null before the first offer. */
    CustomerQuery query() {
        return query;
    }

    /** A new enrichment replaces the call's earlier one, on every card when it completes. */
    void enrichment(CustomerQuery q, CompletableFuture<Enrichment> e) {
        long generation = ++enrichmentGeneration;
        query = q;
        enrichment = e;
        for (AgentCard c : cards) {
            e.thenAccept(found -> c.enrich(generation, found));
        }
    }

    /** Takes what the view says about the call. */
    void seen(ActiveCall view, Instant at) {
        lastEventAt = at;
        facts = facts.with(view);
    }

    /** An IVR variable was set; true when it changed. */
    boolean ivr(String name, String value) {
        if (name == null || (!ivr.containsKey(name) && ivr.size() >= MAX_IVR_VARIABLES)) {
            return false;
        }
        String v = value == null ? "" : value;
        if (v.equals(ivr.put(name, v))) {
            return false;
        }
        facts = facts.withIvr(PopCard.Ivr.of(ivr));
        return true;
    }

    /** The queue that offers the call (the view may not name it yet). */
    void queue(String queue) {
        facts = facts.withQueue(queue);
    }

    /** The card of an offered agent, new or (offered again) the agent's earlier one; not yet sent. */
    AgentCard offer(AgentRef agent, CallEvent.AgentOffered o, AgentCard.Out out) {
        AgentCard card = cards.stream().filter(c -> c.agentId().equals(agent.id())).findFirst().orElse(null);
        if (card == null) {
            card = new AgentCard(this, agent.id(), o.agentInterface(), out);
            cards.add(card);
        }
        card.offered(o.pbxTime(), o.agentLegId());
        return card;
    }

    /** Moves the cards on as the event says. */
    void apply(CallEvent e) {
        switch (e) {
            case AgentConnected x -> {
                AgentCard taker = card(x.agentInterface(), x.agentLegId());
                for (AgentCard c : cards) {
                    if (c == taker) {
                        c.connected(x.pbxTime());
                    } else {
                        c.move(Status.RINGING, Status.ENDED); // taken by another agent
                    }
                }
            }
            case AgentRingNoAnswer x -> {
                AgentCard c = card(x.agentInterface(), x.agentLegId());
                if (c != null) {
                    c.move(Status.RINGING, Status.MISSED);
                }
            }
            case AgentCompleted x -> {
                AgentCard c = card(x.agentInterface(), null);
                if (c != null) {
                    c.end();
                }
            }
            case LegHeld x -> cards.forEach(c -> c.move(Status.TALKING, Status.HELD));
            case LegUnheld x -> cards.forEach(c -> c.move(Status.HELD, Status.TALKING));
            case BlindTransferred x when x.success() ->
                    transferred(x.legId(), x.context() == null ? x.extension() : x.extension() + "@" + x.context());
            case AttendedTransferred x when x.success() -> transferred(x.legId(),
                    x.targetChannel() != null ? x.targetChannel() : x.targetLegId());
            case LegHangup x -> {
                for (AgentCard c : cards) {
                    if (x.legId() != null && x.legId().equals(c.agentLegId())) {
                        c.move(Status.TALKING, Status.ENDED);
                        c.move(Status.HELD, Status.ENDED);
                    }
                }
            }
            case CallerIdUpdated x -> refresh();
            default -> {
            }
        }
    }

    /** Sends every card that is not over again (the call's facts changed). */
    void refresh() {
        cards.forEach(AgentCard::refresh);
    }

    /** The call is over (or forgotten): every card still open ends. */
    void ended() {
        cards.forEach(AgentCard::end);
    }

    /** Takes over the cards of a call merged into this one (the consultation call of an attended transfer). */
    void absorb(CallPops other) {
        cards.addAll(other.cards);
    }

    /**
     * The transferring agent's card; when the transferer's leg is none of the agents' own (an
     * agent reached through a Local channel transfers from its phone's leg), every talking card.
     */
    private void transferred(String transfererLeg, String to) {
        List<AgentCard> talking = cards.stream()
                .filter(c -> c.status() == Status.TALKING || c.status() == Status.HELD).toList();
        List<AgentCard> byLeg = talking.stream()
                .filter(c -> transfererLeg != null && transfererLeg.equals(c.agentLegId())).toList();
        (byLeg.isEmpty() ? talking : byLeg).forEach(c -> c.transferred(to));
    }

    /** The card of the agent an event names: by interface, else by the agent's leg. */
    private AgentCard card(String agentInterface, String agentLegId) {
        for (AgentCard c : cards) {
            if (agentInterface != null && agentInterface.equals(c.agentInterface())) {
                return c;
            }
        }
        for (AgentCard c : cards) {
            if (agentLegId != null && agentLegId.equals(c.agentLegId())) {
                return c;
            }
        }
        return null;
    }
}
