package io.switchboard.simulator;

import java.util.List;

/** The events of one synthetic call (offsets from the call's start, sorted) and what they mean. */
public record GeneratedCall(String linkedId, List<TimedFrame> frames, CallTruth truth) {

    public GeneratedCall {
        frames = List.copyOf(frames);
    }
}
