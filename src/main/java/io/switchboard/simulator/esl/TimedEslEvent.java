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

    /**
     * The event as a playback started at {@code startWallMicros} sends it: its times moved so that
     * {@code Event-Date-Timestamp} is the start plus its offset (in WALL_CLOCK mode the writer stamps
     * it again when writing).
     */
    SimEvent playedAt(long startWallMicros) {
        Long own = EslTrace.timestampMicros(event);
        if (own == null) {
            return event;
        }
        return EslTime.shifted(event, startWallMicros + offsetMicros - own);
    }
}
