package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.util.Objects;

/** An AMI frame scheduled {@code offsetMicros} after the start of its script or trace. */
public record TimedFrame(long offsetMicros, AmiFrame frame) {

    public TimedFrame {
        Objects.requireNonNull(frame, "frame");
    }

    public TimedFrame shifted(long deltaMicros) {
        return new TimedFrame(offsetMicros + deltaMicros, frame);
    }

    /** What the writer does with the Timestamp header when a playback started at {@code startWallMicros}. */
    long timestampMicros(long startWallMicros, PlayOptions.TimestampMode mode) {
        if (!frame.has("Timestamp")) {
            return ClientSession.KEEP_TIMESTAMP;
        }
        return switch (mode) {
            case SCRIPTED -> startWallMicros + offsetMicros;
            case WALL_CLOCK -> ClientSession.WALL_CLOCK_TIMESTAMP;
        };
    }
}
