package io.switchboard.simulator;

import java.util.List;
import java.util.Map;

/**
 * What really happened in a generated call, for checking what a consumer derived from its events.
 *
 * @param disposition ANSWERED, ABANDONED or TIMEOUT
 * @param talkMillis  connected time minus hold, until the caller leaves the agent's or the transfer target's conversation
 */
public record CallTruth(String linkedId, String callerNum, String callerName, String queue, String disposition,
                        String agentInterface, String agentName, long waitMillis, long talkMillis, long holdMillis,
                        List<TruthTransfer> transfers, List<String> ringNoAnswerInterfaces,
                        Map<String, String> ivrVars) {

    public CallTruth {
        transfers = List.copyOf(transfers);
        ringNoAnswerInterfaces = List.copyOf(ringNoAnswerInterfaces);
        ivrVars = Map.copyOf(ivrVars);
    }
}
