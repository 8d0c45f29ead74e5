package io.switchboard.simulator;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide id sources shared by the trace rewriter and the scenario generator, so ids
 * never repeat between rewritten traces and generated calls in one JVM.
 */
final class Ids {

    // starts above the small sequence numbers a freshly started Asterisk (and our captures) use
    private static final AtomicLong SEQUENCE = new AtomicLong(1_000);
    // random start: channel names of two simulator runs against one database rarely coincide
    private static final AtomicInteger LOCAL_SUFFIX =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(0x0010_0000, 0x0800_0000));

    private Ids() {
    }

    /** Asterisk channel id form {@code <epoch seconds>.<sequence>}. */
    static String uniqueid(long epochMicros) {
        return Math.floorDiv(epochMicros, 1_000_000L) + "." + SEQUENCE.incrementAndGet();
    }

    /** The 8 hex digits of a Local channel name ({@code Local/s@inbound-0000000c;1}). */
    static String localSuffix() {
        String hex = Integer.toHexString(LOCAL_SUFFIX.incrementAndGet());
        return "00000000".substring(hex.length()) + hex;
    }

    static String bridgeId() {
        return UUID.randomUUID().toString();
    }
}
