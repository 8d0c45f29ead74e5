package io.switchboard.simulator.esl;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Handle of one running {@link EslSimulator#play} call. */
public final class EslPlayback {

    private final List<TimedEslEvent> events;
    private final EslPlayOptions options;
    private final long startWallMicros;
    private final long startVirtualNanos;
    private final AtomicLong sent = new AtomicLong();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Runnable wakeScheduler;
    private volatile boolean cancelled;
    private int next; // only touched by the scheduler thread

    EslPlayback(List<TimedEslEvent> events, EslPlayOptions options, long startVirtualNanos, Runnable wakeScheduler) {
        this.events = List.copyOf(events);
        this.options = options;
        this.startWallMicros = EslTime.nowMicros();
        this.startVirtualNanos = startVirtualNanos;
        this.wakeScheduler = wakeScheduler;
        if (this.events.isEmpty()) {
            done.complete(null);
        }
    }

    /**
     * Completes when the last event was handed to the clients. Cancelling it (or {@link #cancel()})
     * stops the playback.
     */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** Stops emitting; events already sent stay sent. */
    public void cancel() {
        cancelled = true;
        done.cancel(false);
        wakeScheduler.run();
    }

    public long eventsSent() {
        return sent.get();
    }

    public int eventCount() {
        return events.size();
    }

    public EslPlayOptions options() {
        return options;
    }

    boolean cancelled() {
        return cancelled || (done.isDone() && next < events.size());
    }

    boolean hasNext() {
        return next < events.size();
    }

    /** Virtual time at which the next event is due. */
    long nextDueNanos() {
        if (options.fullSpeedMode()) {
            return startVirtualNanos;
        }
        return startVirtualNanos + (long) (events.get(next).offsetMicros() * 1_000.0 / options.speed());
    }

    /**
     * The next event as it goes out: its times moved so that {@code Event-Date-Timestamp} is the
     * playback start plus its offset (in WALL_CLOCK mode the writer stamps it again when writing).
     */
    SimEvent nextEvent() {
        TimedEslEvent te = events.get(next);
        Long own = EslTrace.timestampMicros(te.event());
        if (own == null) {
            return te.event();
        }
        return EslTime.shifted(te.event(), startWallMicros + te.offsetMicros() - own);
    }

    boolean wallClock() {
        return options.timestampMode() == EslPlayOptions.TimestampMode.WALL_CLOCK;
    }

    void advance() {
        next++;
        sent.incrementAndGet();
        if (next == events.size()) {
            done.complete(null);
        }
    }
}
