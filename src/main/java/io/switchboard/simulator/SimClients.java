package io.switchboard.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The connected sessions of a simulated PBX, with the waits tests need. Shared by AMI and ESL. */
public final class SimClients<S extends SimClients.Session> {

    /** What the simulator needs from one connection. */
    public interface Session {
        /** Logged in and subscribed to events. */
        boolean receivesEvents();

        boolean awaitDrained(long deadlineNanos) throws InterruptedException;

        /** Abrupt close, as on a network failure. */
        void close();
    }

    private final Set<S> sessions = ConcurrentHashMap.newKeySet();
    private final Object monitor = new Object();

    public void add(S session) {
        sessions.add(session);
        changed();
    }

    public void remove(S session) {
        sessions.remove(session);
        changed();
    }

    /** Wakes waiters after a session logged in, subscribed or went away. */
    public void changed() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    public Iterable<S> all() {
        return sessions;
    }

    public int eventClientCount() {
        int n = 0;
        for (S s : sessions) {
            if (s.receivesEvents()) {
                n++;
            }
        }
        return n;
    }

    /** True once at least {@code n} sessions receive events; waits up to {@code timeout}. */
    public boolean awaitEventClients(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (eventClientCount() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    monitor.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Waits until every session's queued output has been written to its socket. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (S s : sessions) {
            if (!s.awaitDrained(deadline)) {
                return false;
            }
        }
        return true;
    }

    /** Abruptly closes every session (a network failure). */
    public void dropAll() {
        for (S s : List.copyOf(sessions)) {
            s.close();
        }
    }
}
