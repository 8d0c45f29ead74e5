package io.switchboard.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A finished call as served by the API. Durations in seconds (millisecond precision). */
public record CallRecordDto(
        String id, String node, String pbxType, String pbxCallId, String direction,
        String callerNumber, String callerName, String dialedNumber, String queue,
        String agentName, String agentInterface,
        Instant startedAt, Instant queuedAt, Instant answeredAt, Instant endedAt,
        double waitSeconds, double talkSeconds, double holdSeconds,
        String disposition, Integer hangupCause, String hangupCauseText, String routingStatus,
        List<TransferDto> transfers, List<AgentAttemptDto> agentAttempts, Map<String, String> ivrData) {

    public record TransferDto(String type, String from, String to, String context, Instant at) {
    }

    public record AgentAttemptDto(String agentInterface, String agentName, Instant offeredAt, String outcome,
                                  double ringSeconds) {
    }
}
