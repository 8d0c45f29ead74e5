package io.switchboard.simulator.esl;

import java.util.Objects;

/**
 * How {@link EslSimulator#play} emits a script.
 *
 * @param speed             1.0 = real time, 2.0 = twice as fast, {@code Double.POSITIVE_INFINITY} = back-to-back
 * @param timestampMode     what the {@code Event-Date-*} headers of emitted events say
 * @param holdWhileNoClient pause while no authenticated event client is connected, so a reconnecting client loses
 *                          nothing; the pause stops the clock of every queued playback (one scheduler emits them all)
 */
public record EslPlayOptions(double speed, TimestampMode timestampMode, boolean holdWhileNoClient) {

    public enum TimestampMode {
        /**
         * Playback start wall time + the event's offset, and every other time in the event moved by
         * the same amount: durations survive any speed.
         */
        SCRIPTED,
        /** Wall-clock time at which the event is written to the socket, for lag measurement. */
        WALL_CLOCK
    }

    public EslPlayOptions {
        Objects.requireNonNull(timestampMode, "timestampMode");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0: " + speed);
        }
    }

    /** Real time, scripted timestamps, held while no client is connected. */
    public static EslPlayOptions realTime() {
        return new EslPlayOptions(1.0, TimestampMode.SCRIPTED, true);
    }

    /** Back-to-back, scripted timestamps, held while no client is connected. */
    public static EslPlayOptions fullSpeed() {
        return new EslPlayOptions(Double.POSITIVE_INFINITY, TimestampMode.SCRIPTED, true);
    }

    public EslPlayOptions withSpeed(double newSpeed) {
        return new EslPlayOptions(newSpeed, timestampMode, holdWhileNoClient);
    }

    public EslPlayOptions withTimestampMode(TimestampMode mode) {
        return new EslPlayOptions(speed, mode, holdWhileNoClient);
    }

    public EslPlayOptions withHoldWhileNoClient(boolean hold) {
        return new EslPlayOptions(speed, timestampMode, hold);
    }

    boolean fullSpeedMode() {
        return Double.isInfinite(speed);
    }
}
