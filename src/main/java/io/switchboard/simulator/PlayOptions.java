package io.switchboard.simulator;

import java.util.Objects;

/**
 * How {@link AmiSimulator#play} and {@code EslSimulator#play} emit a script.
 *
 * @param speed             1.0 = real time, 2.0 = twice as fast, {@code Double.POSITIVE_INFINITY} = back-to-back
 * @param timestampMode     what the time headers of emitted events say (AMI {@code Timestamp}, ESL
 *                          {@code Event-Date-*})
 * @param holdWhileNoClient pause while no logged-in event client is connected, so a reconnecting client loses nothing;
 *                          the pause stops the clock of every queued playback (one scheduler emits them all)
 */
public record PlayOptions(double speed, TimestampMode timestampMode, boolean holdWhileNoClient) {

    public enum TimestampMode {
        /**
         * Playback start wall time + the frame's offset (ESL moves every other time in the event by
         * the same amount): durations survive any speed.
         */
        SCRIPTED,
        /** Wall-clock time at which the frame is written to the socket, for lag measurement. */
        WALL_CLOCK
    }

    public PlayOptions {
        Objects.requireNonNull(timestampMode, "timestampMode");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0: " + speed);
        }
    }

    /** Real time, scripted timestamps, held while no client is connected. */
    public static PlayOptions realTime() {
        return new PlayOptions(1.0, TimestampMode.SCRIPTED, true);
    }

    /** Back-to-back, scripted timestamps, held while no client is connected. */
    public static PlayOptions fullSpeed() {
        return new PlayOptions(Double.POSITIVE_INFINITY, TimestampMode.SCRIPTED, true);
    }

    public PlayOptions withSpeed(double newSpeed) {
        return new PlayOptions(newSpeed, timestampMode, holdWhileNoClient);
    }

    public PlayOptions withTimestampMode(TimestampMode mode) {
        return new PlayOptions(speed, mode, holdWhileNoClient);
    }

    public PlayOptions withHoldWhileNoClient(boolean hold) {
        return new PlayOptions(speed, timestampMode, hold);
    }

    boolean fullSpeedMode() {
        return Double.isInfinite(speed);
    }
}
