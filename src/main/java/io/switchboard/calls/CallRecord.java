package io.switchboard.calls;

import io.switchboard.events.CallEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one record written when a call is over. Durations are milliseconds; timestamps are
 * the PBX's own. {@code id} is unique across nodes ({@code node:pbxCallId}).
 */
public record CallRecord(
        String id,
        String node,
        String pbxType,
        String pbxCallId,
        Direction direction,
        String callerNumber,
        String callerName,
        String dialedNumber,
        String queue,
        String agentName,
        String agentInterface,
        Instant startedAt,
        Instant queuedAt,
        Instant answeredAt,
        Instant endedAt,
        long waitMillis,
        long talkMillis,
        long holdMillis,
        Disposition disposition,
        Integer hangupCause,
        String hangupCauseText,
        String routingStatus,
        List<Transfer> transfers,
        List<AgentAttempt> agentAttempts,
        Map<String, String> ivrData,
        List<CallEvent> timeline) {

    public CallRecord {
        transfers = List.copyOf(transfers);
        agentAttempts = List.copyOf(agentAttempts);
        ivrData = Map.copyOf(ivrData);
        timeline = List.copyOf(timeline);
    }

    /** A transfer of the caller: who transferred ({@code from}), where to, when. */
    public record Transfer(TransferType type, String from, String to, String context, Instant at) {
    }

    /** One time an agent's phone was offered the call. */
    public record AgentAttempt(String agentInterface, String agentName, Instant offeredAt, Outcome outcome,
                               long ringMillis) {
        public enum Outcome {
            CONNECTED, NO_ANSWER, CANCELLED
        }
    }
}
