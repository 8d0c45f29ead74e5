package io.switchboard.events;

import java.time.Instant;
import java.util.Map;

/**
 * A PBX-neutral fact about a call, translated from AMI or ESL at the collector edge.
 * Capabilities (call state, metrics, screen-pop, routing, workflows) consume only these.
 */
public sealed interface CallEvent {

    EventMeta meta();

    default String callId() {
        return meta().callId();
    }

    default String legId() {
        return meta().legId();
    }

    default Instant pbxTime() {
        return meta().pbxTime();
    }

    /** Stable name used in timelines and documentation. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** A new leg (channel) appeared. */
    record LegCreated(EventMeta meta, String channel, String callerNumber, String callerName,
                      String context, String extension) implements CallEvent {
    }

    /** Caller id of a leg became known or changed. */
    record CallerIdUpdated(EventMeta meta, String callerNumber, String callerName) implements CallEvent {
    }

    /** Two halves of one Local channel (or loopback pair) belong together. */
    record LegsLinked(EventMeta meta, String otherLegId) implements CallEvent {
    }

    record LegRinging(EventMeta meta) implements CallEvent {
    }

    record LegAnswered(EventMeta meta) implements CallEvent {
    }

    /** The leg dials another leg (Dial, Queue member call, originate). */
    record DialStarted(EventMeta meta, String targetLegId, String targetChannel, String dialString)
            implements CallEvent {
    }

    /** A dial attempt ended: ANSWER, NOANSWER, BUSY, CANCEL, CONGESTION, CHANUNAVAIL. */
    record DialEnded(EventMeta meta, String targetLegId, String status) implements CallEvent {
    }

    /** The leg entered a bridge; {@code participants} counts the bridge's legs after it entered. */
    record LegBridged(EventMeta meta, String bridgeId, int participants) implements CallEvent {
    }

    record LegUnbridged(EventMeta meta, String bridgeId) implements CallEvent {
    }

    record LegHeld(EventMeta meta) implements CallEvent {
    }

    record LegUnheld(EventMeta meta) implements CallEvent {
    }

    /** The leg started executing a new dialplan extension (priority 1). */
    record DialplanEntered(EventMeta meta, String context, String extension) implements CallEvent {
    }

    /** Blind transfer; the meta leg is the transferer's. */
    record BlindTransferred(EventMeta meta, String transfereeLegId, String context, String extension,
                            boolean success) implements CallEvent {
    }

    /** Attended transfer completed; the meta leg is the original transferer's. */
    record AttendedTransferred(EventMeta meta, String transfereeLegId, String targetLegId, String targetChannel,
                               String secondCallId, boolean success) implements CallEvent {
    }

    record QueueJoined(EventMeta meta, String queue, int position) implements CallEvent {
    }

    record QueueLeft(EventMeta meta, String queue) implements CallEvent {
    }

    /**
     * The queue gave up on the caller. Asterisk reports a queue timeout the same way as a
     * caller hang-up; the call model tells them apart.
     */
    record QueueAbandoned(EventMeta meta, String queue, int position, int originalPosition, int holdSeconds)
            implements CallEvent {
    }

    /** Result of the queue application (Asterisk QUEUESTATUS): TIMEOUT, FULL, JOINEMPTY, ... */
    record QueueOutcome(EventMeta meta, String status) implements CallEvent {
    }

    /** An agent's phone is offered the call. */
    record AgentOffered(EventMeta meta, String queue, String agentInterface, String agentName, String agentLegId)
            implements CallEvent {
    }

    record AgentConnected(EventMeta meta, String queue, String agentInterface, String agentName,
                          String agentLegId, int holdSeconds, int ringSeconds) implements CallEvent {
    }

    record AgentRingNoAnswer(EventMeta meta, String queue, String agentInterface, String agentName,
                             String agentLegId, long ringMillis) implements CallEvent {
    }

    record AgentCompleted(EventMeta meta, String queue, String agentInterface, String agentName,
                          int holdSeconds, int talkSeconds, String reason) implements CallEvent {
    }

    /** Someone asked the leg to hang up (the caller, an agent, or the dialplan). */
    record LegHangupRequested(EventMeta meta, int cause) implements CallEvent {
    }

    /** The leg is gone. {@code cause} is the Q.850 cause code (16 normal clearing). */
    record LegHangup(EventMeta meta, int cause, String causeText) implements CallEvent {
    }

    record Dtmf(EventMeta meta, String digit, String direction) implements CallEvent {
    }

    /** A channel variable the contact center cares about (intent, customer id, language, ...). */
    record IvrData(EventMeta meta, String name, String value) implements CallEvent {
    }

    /** Result of AGI / outbound-socket routing (Asterisk AGISTATUS). */
    record RoutingResult(EventMeta meta, String status) implements CallEvent {
    }

    /**
     * An agent (queue member) changed state or pause. Not part of a call: the meta has no call
     * or leg. {@code state} or {@code paused} is null when the PBX reported only the other one;
     * {@code queue} is null when the change applies to all of the agent's queues.
     */
    record AgentStateChanged(EventMeta meta, String queue, String agentInterface, String agentName,
                             AgentState state, Boolean paused, String reason) implements CallEvent {
    }

    /** A custom event raised by the dialplan (AMI UserEvent). */
    record UserEvent(EventMeta meta, String name, Map<String, String> headers) implements CallEvent {
        public UserEvent {
            headers = Map.copyOf(headers);
        }
    }
}
