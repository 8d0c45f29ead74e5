package io.switchboard.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;

/**
 * One thread that emits the items of all playbacks in due-time order; equal due times keep the
 * order in which they were scheduled, so a back-to-back script stays in script order. Time is
 * virtual: it stands still while a holding playback waits for a client, so a paused script
 * resumes with its gaps intact instead of bursting. Shared by the AMI and ESL simulators; only
 * how an item goes out differs, and that is the {@link Emitter}'s business.
 *
 * @param <T> a scripted item (frame or event) with its offset from the start of the script
 */
public final class PlaybackScheduler<T> {

    /** Sends one item to the clients. */
    @FunctionalInterface
    public interface Emitter<T> {
        /** @param startWallMicros wall-clock start of the item's playback, for scripted timestamps */
        void emit(T item, long startWallMicros, PlayOptions options);
    }

    /** The scheduler's view of one playback; only touched under the lock or by the scheduler thread. */
    private final class Run {
        final List<T> items;
        final Playback handle;
        final long startVirtualNanos;
        final long startWallMicros = AmiTime.nowMicros();
        int next;
        long dueNanos; // set while queued
        long seq;

        Run(List<T> items, Playback handle, long startVirtualNanos) {
            this.items = items;
            this.handle = handle;
            this.startVirtualNanos = startVirtualNanos;
        }

        boolean hasNext() {
            return next < items.size();
        }

        /** Virtual time at which the next item is due. */
        long nextDueNanos() {
            if (handle.options().fullSpeedMode()) {
                return startVirtualNanos;
            }
            return startVirtualNanos
                    + (long) (offsetMicros.applyAsLong(items.get(next)) * 1_000.0 / handle.options().speed());
        }
    }

    private final ToLongFunction<? super T> offsetMicros;
    private final BooleanSupplier hasEventClients;
    private final Emitter<T> emitter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Run> queue =
            new PriorityQueue<>(Comparator.<Run>comparingLong(r -> r.dueNanos).thenComparingLong(r -> r.seq));
    private long seq;
    private long pausedNanos;
    private boolean running = true;
    private final Thread thread;

    public PlaybackScheduler(String threadName, ToLongFunction<? super T> offsetMicros,
            BooleanSupplier hasEventClients, Emitter<T> emitter) {
        this.offsetMicros = offsetMicros;
        this.hasEventClients = hasEventClients;
        this.emitter = emitter;
        this.thread = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    public Playback play(List<? extends T> items, PlayOptions options) {
        List<T> copy = List.copyOf(items);
        lock.lock();
        try {
            Playback handle = new Playback(copy.size(), options, this::wake);
            Run r = new Run(copy, handle, virtualNow());
            if (r.hasNext() && running) {
                enqueue(r);
                changed.signalAll();
            } else if (!running) {
                handle.cancel();
            }
            return handle;
        } finally {
            lock.unlock();
        }
    }

    /** Called when clients come and go or a playback is cancelled. */
    public void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void shutdown() {
        List<Playback> pending = new ArrayList<>();
        lock.lock();
        try {
            running = false;
            queue.forEach(r -> pending.add(r.handle));
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        pending.forEach(Playback::cancel);
        thread.interrupt();
    }

    private long virtualNow() {
        return System.nanoTime() - pausedNanos;
    }

    private void enqueue(Run r) {
        r.dueNanos = r.nextDueNanos();
        r.seq = seq++;
        queue.add(r);
    }

    private void run() {
        lock.lock();
        try {
            while (running) {
                Run r = queue.peek();
                if (r == null) {
                    changed.await();
                    continue;
                }
                Playback p = r.handle;
                if (p.cancelled()) {
                    queue.poll();
                    continue;
                }
                if (p.options().holdWhileNoClient() && !hasEventClients.getAsBoolean()) {
                    long pauseStart = System.nanoTime();
                    changed.await(100, TimeUnit.MILLISECONDS); // also re-checks clients that vanished silently
                    pausedNanos += System.nanoTime() - pauseStart;
                    continue;
                }
                long wait = r.dueNanos - virtualNow();
                if (wait > 0) {
                    changed.awaitNanos(wait);
                    continue;
                }
                queue.poll();
                T item = r.items.get(r.next);
                lock.unlock();
                try {
                    emitter.emit(item, r.startWallMicros, p.options());
                } finally {
                    lock.lock();
                }
                r.next++;
                p.advance();
                if (r.hasNext() && !p.cancelled()) {
                    enqueue(r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
