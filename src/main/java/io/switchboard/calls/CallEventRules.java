package io.switchboard.calls;

import io.switchboard.calls.CallRecord.AgentAttempt;
import io.switchboard.calls.CallRecord.Transfer;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;

import java.time.Duration;
import java.time.Instant;

/**
 * What each event changes in the call it belongs to: legs, queue, agents, holds, transfers. Events
 * that join two calls (a leg link across provisional calls, an attended transfer whose
 * consultation is a call of its own) merge them through the {@link CallBook}. Confined to the
 * lane thread, like the {@link CallTracker} that owns it.
 */
final class CallEventRules {

    private final CallBook book;

    CallEventRules(CallBook book) {
        this.book = book;
    }

    /** What event {@code e} (at PBX time {@code t}) changes in call {@code c}; {@code leg} is the event's leg, if any. */
    void apply(CallState c, Leg leg, CallEvent e, Instant t) {
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
            case DialplanEntered x -> TransferRules.detectRedirect(c, leg, x, t);
            case BlindTransferred x -> TransferRules.blindTransfer(c, leg, x, t);
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
        String otherCall = book.callOfLeg(otherId);
        if (otherCall != null && !otherCall.equals(c.pbxCallId) && book.isActive(otherCall)) {
            merge(c, otherCall); // the link shows two provisional calls are one
        }
        Leg two = c.leg(otherId);
        book.bindLeg(otherId, c.pbxCallId);
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
        book.bindLegIfUnbound(legId, c.pbxCallId);
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
        c.transfers.add(new Transfer(TransferType.ATTENDED, TransferRules.agentLabel(c, transferer), to, context, t));
    }

    /** The consultation call of an attended transfer becomes part of the transferred call. */
    private void merge(CallState into, String otherId) {
        CallState other = book.absorb(into, otherId);
        if (other == null) {
            return;
        }
        for (Leg l : other.legs.values()) {
            l.customer = false;
            into.legs.putIfAbsent(l.id, l);
        }
        other.timeline.forEach(into::addToTimeline);
    }
}
