package io.switchboard.calls;

import io.switchboard.calls.CallRecord.AgentAttempt;
import io.switchboard.calls.CallRecord.Transfer;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Correlates a node's normalized events into calls and emits one {@link CallRecord} per
 * finished call. Single-threaded: owned by one ingest lane, which gives per-call ordering.
 *
 * <p>A call is the set of legs sharing a call id (Asterisk Linkedid). A leg stays with the call
 * it was first seen in even if the PBX later re-links it, and a call merged by an attended
 * transfer answers to both ids. The call ends when every leg it has seen is hung up.
 * PBX timestamps are not monotonic in stream order, so start/end use min/max and durations
 * come from the events that mean them (queue join, agent connect, bridge leave).
 */
public final class CallTracker {

    /** Within this window a BlindTransfer and the caller's dialplan jump are one transfer. */
    private static final Duration TRANSFER_PAIRING = Duration.ofSeconds(5);

    private final String node;
    private final TrackerSettings settings;
    private final Map<String, CallState> calls = new HashMap<>();
    private final Map<String, String> legToCall = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, Boolean> finished;
    private final CallRecordAssembler assembler;
    private long lateEvents;

    public CallTracker(String node, TrackerSettings settings) {
        this.node = node;
        this.settings = settings;
        this.assembler = new CallRecordAssembler(settings);
        int memory = settings.finishedMemory();
        this.finished = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > memory;
            }
        };
    }

    /**
     * Applies one event.
     *
     * @return the id of the call the event was applied to, or null when it belongs to no call
     */
    public String apply(CallEvent e, List<CallRecord> completed) {
        String callId = resolveCall(e);
        if (callId == null) {
            return null;
        }
        if (finished.containsKey(callId)) {
            lateEvents++;
            return null;
        }
        CallState c = calls.computeIfAbsent(callId, id -> new CallState(node, id));
        Instant t = e.pbxTime();
        c.lastEventAt = e.meta().receivedAt();
        if (c.startedAt == null || t.isBefore(c.startedAt)) {
            c.startedAt = t;
        }
        Leg leg = null;
        if (e.legId() != null) {
            leg = c.leg(e.legId());
            legToCall.putIfAbsent(e.legId(), callId);
            if (c.firstLegId == null) {
                c.firstLegId = e.legId();
                leg.customer = true;
            }
        }
        c.addToTimeline(e);
        handle(c, leg, e, t);
        if (e instanceof LegHangup && c.allLegsGone()) {
            completed.add(finish(callId, c));
        }
        return callId;
    }

    private void handle(CallState c, Leg leg, CallEvent e, Instant t) {
        switch (e) {
            case LegCreated x -> {
                leg.channel = x.channel();
                leg.context = x.context();
                leg.extension = x.extension();
                leg.createdAt = t;
                setCallerId(leg, x.callerNumber(), x.callerName());
            }
            case CallerIdUpdated x -> setCallerId(leg, x.callerNumber(), x.callerName());
            case LegsLinked x -> link(c, leg, x.otherLegId());
            case LegAnswered x -> {
                if (leg.answeredAt == null) {
                    leg.answeredAt = t;
                }
            }
            case DialEnded x -> {
                Leg target = x.targetLegId() == null ? null : c.legs.get(x.targetLegId());
                if (leg != null && leg.customer && (target == null || !target.agent)) {
                    c.lastDialStatus = x.status();
                }
            }
            case LegBridged x -> {
                leg.bridges.add(x.bridgeId());
                if (leg.customer && x.participants() >= 2 && c.connectedAt == null) {
                    c.connectedAt = t;
                }
            }
            case LegUnbridged x -> {
                leg.bridges.remove(x.bridgeId());
                if (leg.customer && c.connectedAt != null) {
                    c.talkEndedAt = t;
                }
            }
            case LegHeld x -> {
                if (leg.heldSince == null) {
                    leg.heldSince = t;
                }
            }
            case LegUnheld x -> closeHold(c, leg, t);
            case DialplanEntered x -> detectRedirect(c, leg, x, t);
            case BlindTransferred x -> blindTransfer(c, leg, x, t);
            case AttendedTransferred x -> attendedTransfer(c, leg, x, t);
            case QueueJoined x -> {
                if (c.queue == null) {
                    c.queue = x.queue();
                    c.queuedAt = t;
                }
            }
            case QueueLeft x -> c.queueLeftAt = t;
            case QueueAbandoned x -> {
                c.abandonedAt = t;
                c.abandonedAfterHangup = customerHungUp(c);
            }
            case QueueOutcome x -> c.queueStatus = x.status();
            case AgentOffered x -> {
                c.attempts.add(new CallState.MutableAttempt(x.agentInterface(), x.agentName(), t));
                markAgentLeg(c, x.agentLegId());
            }
            case AgentConnected x -> agentConnected(c, x, t);
            case AgentRingNoAnswer x -> {
                CallState.MutableAttempt a = c.openAttempt(x.agentInterface());
                if (a != null) {
                    a.outcome = AgentAttempt.Outcome.NO_ANSWER;
                    a.ringMillis = x.ringMillis();
                }
            }
            case LegHangupRequested x -> leg.hangupRequested = true;
            case LegHangup x -> {
                closeHold(c, leg, t);
                leg.hungUp = true;
                leg.cause = x.cause();
                leg.causeText = x.causeText();
                if (c.endedAt == null || t.isAfter(c.endedAt)) {
                    c.endedAt = t;
                }
                if (leg.customer && (c.customerHungUpAt == null || t.isAfter(c.customerHungUpAt))) {
                    c.customerHungUpAt = t;
                }
            }
            case IvrData x -> c.ivr.put(x.name(), x.value());
            case RoutingResult x -> c.routingStatus = x.status();
            default -> {
                // ringing, dial start, DTMF, agent complete, user events: timeline only
            }
        }
    }

    private String resolveCall(CallEvent e) {
        if (e.legId() != null) {
            String byLeg = legToCall.get(e.legId());
            if (byLeg != null) {
                return byLeg;
            }
        }
        String id = e.callId();
        if (id == null) {
            return null;
        }
        return aliases.getOrDefault(id, id);
    }

    private static void setCallerId(Leg leg, String number, String name) {
        if (number != null) {
            leg.callerNumber = number;
        }
        if (name != null) {
            leg.callerName = name;
        }
    }

    private void link(CallState c, Leg one, String otherId) {
        if (otherId == null) {
            return;
        }
        String otherCall = legToCall.get(otherId);
        if (otherCall != null && !otherCall.equals(c.pbxCallId) && calls.containsKey(otherCall)) {
            merge(c, otherCall); // the link shows two provisional calls are one
        }
        Leg two = c.leg(otherId);
        legToCall.put(otherId, c.pbxCallId);
        one.peerLegId = otherId;
        two.peerLegId = one.id;
        boolean customer = one.customer || two.customer;
        boolean agent = one.agent || two.agent;
        one.customer = two.customer = customer && !agent;
        one.agent = two.agent = agent;
    }

    private void markAgentLeg(CallState c, String legId) {
        if (legId == null) {
            return;
        }
        Leg l = c.leg(legId);
        legToCall.putIfAbsent(legId, c.pbxCallId);
        l.agent = true;
        l.customer = false;
        if (l.peerLegId != null) {
            c.leg(l.peerLegId).agent = true;
        }
    }

    private void agentConnected(CallState c, AgentConnected x, Instant t) {
        CallState.MutableAttempt a = c.openAttempt(x.agentInterface());
        if (a != null) {
            a.outcome = AgentAttempt.Outcome.CONNECTED;
            a.ringMillis = Math.max(0, Duration.between(a.offeredAt, t).toMillis());
        }
        if (c.answeredAt == null) {
            c.answeredAt = t;
            c.agentInterface = x.agentInterface();
            c.agentName = x.agentName();
            c.agentLegId = x.agentLegId();
        }
        markAgentLeg(c, x.agentLegId());
    }

    private static void closeHold(CallState c, Leg leg, Instant t) {
        if (leg != null && leg.heldSince != null) {
            c.holdMillis += Math.max(0, Duration.between(leg.heldSince, t).toMillis());
            leg.heldSince = null;
        }
    }

    private static boolean customerHungUp(CallState c) {
        for (Leg l : c.legs.values()) {
            if (l.customer && (l.hungUp || l.hangupRequested)) {
                return true;
            }
        }
        return false;
    }

    /** An answered caller that leaves its bridge and lands on a new extension was redirected. */
    private void detectRedirect(CallState c, Leg leg, DialplanEntered x, Instant t) {
        boolean answered = c.answeredAt != null || c.connectedAt != null;
        if (!leg.customer || !answered || !leg.bridges.isEmpty() || leg.hungUp || leg.hangupRequested
                || "h".equals(x.extension())) {
            return;
        }
        Transfer last = c.transfers.isEmpty() ? null : c.transfers.getLast();
        if (last != null && last.type() == TransferType.BLIND
                && Duration.between(last.at(), t).abs().compareTo(TRANSFER_PAIRING) <= 0) {
            return; // the jump that a blind transfer causes
        }
        c.transfers.add(new Transfer(TransferType.REDIRECT, agentLabel(c, null), x.extension(), x.context(), t));
    }

    private void blindTransfer(CallState c, Leg transferer, BlindTransferred x, Instant t) {
        if (!x.success()) {
            return;
        }
        Transfer last = c.transfers.isEmpty() ? null : c.transfers.getLast();
        if (last != null && last.type() == TransferType.REDIRECT
                && Duration.between(last.at(), t).abs().compareTo(TRANSFER_PAIRING) <= 0) {
            c.transfers.removeLast(); // the dialplan jump arrived first
        }
        c.transfers.add(new Transfer(TransferType.BLIND, agentLabel(c, transferer), x.extension(), x.context(), t));
    }

    private void attendedTransfer(CallState c, Leg transferer, AttendedTransferred x, Instant t) {
        if (x.secondCallId() != null && !x.secondCallId().equals(c.pbxCallId)) {
            merge(c, x.secondCallId());
        }
        if (!x.success()) {
            return;
        }
        Leg target = x.targetLegId() == null ? null : c.legs.get(x.targetLegId());
        String to = target != null && target.extension != null ? target.extension : x.targetChannel();
        String context = target != null ? target.context : null;
        c.transfers.add(new Transfer(TransferType.ATTENDED, agentLabel(c, transferer), to, context, t));
    }

    /** The consultation call of an attended transfer becomes part of the transferred call. */
    private void merge(CallState into, String otherId) {
        CallState other = calls.remove(otherId);
        aliases.put(otherId, into.pbxCallId);
        if (other == null) {
            return;
        }
        for (Leg l : other.legs.values()) {
            l.customer = false;
            into.legs.putIfAbsent(l.id, l);
            legToCall.put(l.id, into.pbxCallId);
        }
        other.timeline.forEach(into::addToTimeline);
    }

    private static String agentLabel(CallState c, Leg transferer) {
        if (c.agentName != null) {
            return c.agentName;
        }
        if (c.agentInterface != null) {
            return c.agentInterface;
        }
        return transferer != null ? transferer.channel : null;
    }

    private CallRecord finish(String callId, CallState c) {
        calls.remove(callId);
        finished.put(callId, Boolean.TRUE);
        for (String legId : c.legs.keySet()) {
            legToCall.remove(legId);
        }
        aliases.values().removeIf(callId::equals);
        return assembler.assemble(c);
    }

    /** Closes calls that saw no event for {@code maxIdle}; they are written with what is known. */
    public void sweep(Instant now, List<CallRecord> completed) {
        Instant cutoff = now.minus(settings.maxIdle());
        Iterator<Map.Entry<String, CallState>> it = calls.entrySet().iterator();
        List<String> stale = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, CallState> en = it.next();
            if (en.getValue().lastEventAt != null && en.getValue().lastEventAt.isBefore(cutoff)) {
                stale.add(en.getKey());
            }
        }
        for (String id : stale) {
            CallState c = calls.get(id);
            if (c.endedAt == null) {
                c.endedAt = c.timeline.isEmpty() ? c.startedAt : c.timeline.getLast().pbxTime();
            }
            completed.add(finish(id, c));
        }
    }

    public ActiveCall view(String callId) {
        CallState c = calls.get(callId);
        return c == null ? null : assembler.view(c);
    }

    public boolean isActive(String pbxCallId) {
        return calls.containsKey(pbxCallId);
    }

    public int activeCount() {
        return calls.size();
    }

    public long lateEvents() {
        return lateEvents;
    }
}
