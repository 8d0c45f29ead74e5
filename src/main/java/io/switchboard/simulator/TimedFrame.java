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
}
