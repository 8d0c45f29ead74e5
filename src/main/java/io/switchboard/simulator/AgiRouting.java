package io.switchboard.simulator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated dialplan {@code [agi-route]} reaches the routing server and what it does
 * with the answer.
 *
 * @param host          FastAGI server host ({@code AGI(agi://host:port/route,...)})
 * @param port          FastAGI server port
 * @param queueContext  context whose extensions are queues ({@code Goto(queues,<queue>,1)} → Queue(queue))
 * @param fallbackQueue the queue of the dialplan's fallback ({@code Goto(inbound,s,1)})
 * @param divertPlay    how long a call plays in a non-queue place before it hangs up
 * @param timeout       connect and read timeout of the AGI conversation (then AGISTATUS=FAILURE)
 */
public record AgiRouting(String host, int port, String queueContext, String fallbackQueue, Duration divertPlay,
                         Duration timeout) {

    public AgiRouting {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queueContext, "queueContext");
        Objects.requireNonNull(fallbackQueue, "fallbackQueue");
        Objects.requireNonNull(divertPlay, "divertPlay");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** FastAGI's registered port on loopback, the lab dialplan's settings. */
    public static AgiRouting defaults() {
        return new AgiRouting("127.0.0.1", 4573, "queues", "support", Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public AgiRouting withServer(String newHost, int newPort) {
        return new AgiRouting(newHost, newPort, queueContext, fallbackQueue, divertPlay, timeout);
    }

    public AgiRouting withDivertPlay(Duration play) {
        return new AgiRouting(host, port, queueContext, fallbackQueue, play, timeout);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** The AGI URL the dialplan calls. */
    String url(String script) {
        return "agi://" + host + ":" + port + "/" + script;
    }
}
