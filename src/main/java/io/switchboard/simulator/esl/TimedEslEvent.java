package io.switchboard.simulator.esl;

import java.util.Objects;

/** An event scheduled {@code offsetMicros} after the start of its trace or script. */
public record TimedEslEvent(long offsetMicros, SimEvent event) {

    public TimedEslEvent {
        Objects.requireNonNull(event, "event");
    }

    public TimedEslEvent shifted(long deltaMicros) {
        return new TimedEslEvent(offsetMicros + deltaMicros, event);
    }
}
