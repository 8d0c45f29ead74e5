package io.switchboard.pbx.freeswitch;

import io.switchboard.routing.RouteDecision;
import io.switchboard.routing.RouteRequest;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The TCP server FreeSWITCH's {@code socket host:port async full} dialplan application connects
 * to, one connection per call. Each connection is an {@link EslRouteSession} on a virtual thread,
 * so a slow decision or a silent peer costs no platform thread; a socket read timeout bounds how
 * long a silent peer is kept. Plain (no CDI) so benchmarks run it without the service.
 */
public final class EslRouteListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EslRouteListener.class);

    /** What the sessions ask: the decision and what to record when there is none. */
    public interface Router {
        CompletableFuture<RouteDecision> route(RouteRequest request);

        void fallback(RouteRequest request, String reason);

        /** The variables were set {@code nanos} after the channel data arrived. */
        default void routeSet(RouteRequest request, long nanos) {
        }
    }

    /**
     * @param deadline      longest wait for a decision
     * @param routeVariable channel variable given {@code <extension> XML <context>}
     * @param ioTimeout     a peer silent this long is dropped
     * @param nodes         enabled FreeSWITCH nodes: id → configured host, to tell which one asks
     * @param ivrVariables  channel variables passed on to routing besides the fixed ones
     */
    public record Settings(String host, int port, Duration deadline, String routeVariable, Duration ioTimeout,
                           Map<String, String> nodes, List<String> ivrVariables) {
    }

    private final Settings settings;
    private final Router router;
    private final Consumer<String> outcomes;
    private final EslRouteRequests requests;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private Thread acceptor;

    /** @param outcomes told how each session ended ({@code routed}, {@code deadline}, ...) */
    public EslRouteListener(Settings settings, Router router, Consumer<String> outcomes) {
        this.settings = settings;
        this.router = router;
        this.outcomes = outcomes;
        this.requests = new EslRouteRequests(settings.nodes(), settings.ivrVariables());
    }

    public synchronized EslRouteListener start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 1024);
        server = s;
        acceptor = Thread.ofVirtual().name("esl-route-accept").start(this::accept);
        return this;
    }

    /** The bound port (the ephemeral one when started with port 0). */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections being served now. */
    public int openSessions() {
        return open.size();
    }

    private void accept() {
        ServerSocket s = server;
        while (!s.isClosed()) {
            Socket c;
            try {
                c = s.accept();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warnf("outbound socket accept failed: %s", e.toString());
                continue;
            }
            open.add(c);
            Thread.ofVirtual().name("esl-route-session").start(() -> serve(c));
        }
    }

    private void serve(Socket c) {
        EslRouteSession session = new EslRouteSession(c, settings, router, requests);
        try {
            session.run();
        } catch (RuntimeException e) {
            LOG.warn("outbound socket session failed", e);
        } finally {
            open.remove(c);
            outcomes.accept(session.outcome().name().toLowerCase(Locale.ROOT));
        }
    }

    /** Stops accepting and drops the connections being served (their calls take the dialplan default). */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the outbound socket server", e);
        }
        for (Socket c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        if (acceptor != null) {
            acceptor.interrupt();
        }
    }
}
