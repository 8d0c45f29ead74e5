package io.switchboard.routing;

/**
 * One node's health: connected, and fewer than {@code missedAllowed} heartbeats missed in a row.
 * Changed only on the heartbeat thread; {@link #healthy()} may be read anywhere.
 */
final class NodeHealth {

    private final String node;
    private final int missedAllowed;
    private volatile boolean connected;
    private volatile int missed;
    private boolean pinging;

    NodeHealth(String node, int missedAllowed) {
        this.node = node;
        this.missedAllowed = Math.max(1, missedAllowed);
    }

    String node() {
        return node;
    }

    /** The connection's state now; a lost connection forgets old misses, the next login starts afresh. */
    void connected(boolean now) {
        if (!now) {
            missed = 0;
            pinging = false;
        }
        connected = now;
    }

    /** A heartbeat is about to go out; false while the previous one is still unanswered (nothing is sent). */
    boolean startPing() {
        if (pinging || !connected) {
            return false;
        }
        pinging = true;
        return true;
    }

    /** The heartbeat's outcome: answered (whatever the answer) or not within its timeout. */
    void pinged(boolean answered) {
        pinging = false;
        missed = answered ? 0 : missed + 1;
    }

    boolean healthy() {
        return connected && missed < missedAllowed;
    }

    int missed() {
        return missed;
    }

    /** What is wrong, for events and logs; null when healthy. */
    String problem() {
        if (!connected) {
            return "not connected";
        }
        return missed >= missedAllowed ? "missed " + missed + " heartbeats" : null;
    }
}
