package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One thread that emits the events of all playbacks in due-time order; equal due times keep the
 * order in which they were scheduled, so a back-to-back script stays in script order. Time is
 * virtual: it stands still while a holding playback waits for a client, so a paused script
 * resumes with its gaps intact instead of bursting.
 */
final class EslPlaybackScheduler {

    /** Where events go. */
    interface Target {
        boolean hasEventClients();

        void emit(SimEvent event, boolean wallClock);
    }

    private record Due(long dueNanos, long seq, EslPlayback playback) {
    }

    private final Target target;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Due> queue =
            new PriorityQueue<>(Comparator.comparingLong(Due::dueNanos).thenComparingLong(Due::seq));
    private long seq;
    private long pausedNanos;
    private boolean running = true;
    private final Thread thread;

    EslPlaybackScheduler(Target target) {
        this.target = target;
        this.thread = Thread.ofPlatform().daemon().name("esl-sim-scheduler").start(this::run);
    }

    EslPlayback play(List<TimedEslEvent> events, EslPlayOptions options) {
        lock.lock();
        try {
            EslPlayback p = new EslPlayback(events, options, virtualNow(), this::wake);
            if (p.hasNext() && running) {
                queue.add(new Due(p.nextDueNanos(), seq++, p));
                changed.signalAll();
            } else if (!running) {
                p.cancel();
            }
            return p;
        } finally {
            lock.unlock();
        }
    }

    /** Called when clients come and go or a playback is cancelled. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void shutdown() {
        List<EslPlayback> pending = new ArrayList<>();
        lock.lock();
        try {
            running = false;
            queue.forEach(d -> pending.add(d.playback()));
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        pending.forEach(EslPlayback::cancel);
        thread.interrupt();
    }

    private long virtualNow() {
        return System.nanoTime() - pausedNanos;
    }

    private void run() {
        lock.lock();
        try {
            while (running) {
                Due head = queue.peek();
                if (head == null) {
                    changed.await();
                    continue;
                }
                EslPlayback p = head.playback();
                if (p.cancelled()) {
                    queue.poll();
                    continue;
                }
                if (p.options().holdWhileNoClient() && !target.hasEventClients()) {
                    long pauseStart = System.nanoTime();
                    changed.await(100, TimeUnit.MILLISECONDS); // also re-checks clients that vanished silently
                    pausedNanos += System.nanoTime() - pauseStart;
                    continue;
                }
                long wait = head.dueNanos() - virtualNow();
                if (wait > 0) {
                    changed.awaitNanos(wait);
                    continue;
                }
                queue.poll();
                SimEvent event = p.nextEvent();
                lock.unlock();
                try {
                    target.emit(event, p.wallClock());
                } catch (RuntimeException e) {
                    System.getLogger(EslPlaybackScheduler.class.getName())
                            .log(System.Logger.Level.WARNING, "ESL playback emit failed", e);
                } finally {
                    lock.lock();
                }
                p.advance();
                if (p.hasNext() && !p.cancelled()) {
                    queue.add(new Due(p.nextDueNanos(), seq++, p));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
