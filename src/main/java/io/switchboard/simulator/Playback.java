package io.switchboard.simulator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Handle of one running {@link AmiSimulator#play} call. */
public final class Playback {

    private final List<TimedFrame> frames;
    private final PlayOptions options;
    private final long startWallMicros;
    private final long startVirtualNanos;
    private final AtomicLong sent = new AtomicLong();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Runnable wakeScheduler;
    private volatile boolean cancelled;
    private int next; // only touched by the scheduler thread

    Playback(List<TimedFrame> frames, PlayOptions options, long startVirtualNanos, Runnable wakeScheduler) {
        this.frames = List.copyOf(frames);
        this.options = options;
        this.startWallMicros = AmiTime.nowMicros();
        this.startVirtualNanos = startVirtualNanos;
        this.wakeScheduler = wakeScheduler;
        if (this.frames.isEmpty()) {
            done.complete(null);
        }
    }

    /**
     * Completes when the last frame was handed to the clients. Cancelling it (or {@link #cancel()})
     * stops the playback.
     */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** Stops emitting; frames already sent stay sent. */
    public void cancel() {
        cancelled = true;
        done.cancel(false);
        wakeScheduler.run();
    }

    public long framesSent() {
        return sent.get();
    }

    public int frameCount() {
        return frames.size();
    }

    public PlayOptions options() {
        return options;
    }

    boolean cancelled() {
        return cancelled || (done.isDone() && next < frames.size());
    }

    boolean hasNext() {
        return next < frames.size();
    }

    TimedFrame peek() {
        return frames.get(next);
    }

    /** Virtual time at which the next frame is due. */
    long nextDueNanos() {
        if (options.fullSpeedMode()) {
            return startVirtualNanos;
        }
        return startVirtualNanos + (long) (frames.get(next).offsetMicros() * 1_000.0 / options.speed());
    }

    /** What the Timestamp header of the next frame should say. */
    long nextTimestamp() {
        return switch (options.timestampMode()) {
            case SCRIPTED -> startWallMicros + frames.get(next).offsetMicros();
            case WALL_CLOCK -> ClientSession.WALL_CLOCK_TIMESTAMP;
        };
    }

    void advance() {
        next++;
        sent.incrementAndGet();
        if (next == frames.size()) {
            done.complete(null);
        }
    }
}
