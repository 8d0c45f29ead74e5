package io.switchboard.simulator.esl;

import io.switchboard.simulator.CallTruth;
import java.util.List;

/**
 * The events of one synthetic FreeSWITCH queue call and what really happened in it.
 *
 * @param callId           the caller's a-leg UUID: the call id a collector derives (its first channel)
 * @param startEpochMicros the call's first event time; event offsets count from it
 * @param events           in emission order, times never decreasing
 */
public record GeneratedEslCall(String callId, long startEpochMicros, List<TimedEslEvent> events, CallTruth truth) {

    public GeneratedEslCall {
        events = List.copyOf(events);
    }
}
