package io.switchboard.simulator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Handle of one running {@code play} call of the AMI or ESL simulator. */
public final class Playback {

    private final int frameCount;
    private final PlayOptions options;
    private final AtomicLong sent = new AtomicLong();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Runnable wakeScheduler;
    private volatile boolean cancelled;

    Playback(int frameCount, PlayOptions options, Runnable wakeScheduler) {
        this.frameCount = frameCount;
        this.options = options;
        this.wakeScheduler = wakeScheduler;
        if (frameCount == 0) {
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

    /** Frames (AMI) or events (ESL) handed to the clients so far. */
    public long framesSent() {
        return sent.get();
    }

    public int frameCount() {
        return frameCount;
    }

    public PlayOptions options() {
        return options;
    }

    boolean cancelled() {
        return cancelled || (done.isDone() && sent.get() < frameCount);
    }

    /** Counts one more frame out; only called by the scheduler thread. */
    void advance() {
        if (sent.incrementAndGet() == frameCount) {
            done.complete(null);
        }
    }
}
