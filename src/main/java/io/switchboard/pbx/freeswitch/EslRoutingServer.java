package io.switchboard.pbx.freeswitch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.calls.CallsConfig;
import io.switchboard.pbx.PbxConfig;
import io.switchboard.pbx.PbxNodes;
import io.switchboard.routing.RouteDecision;
import io.switchboard.routing.RouteRequest;
import io.switchboard.routing.RoutingConfig;
import io.switchboard.routing.RoutingService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The routing server for FreeSWITCH: an {@link EslRouteListener} on
 * {@code switchboard.routing.socket.host:port}, started with the service when
 * {@code switchboard.routing.socket.enabled}, asking {@link RoutingService}. The contract is in
 * {@code docs/routing-freeswitch.md}.
 */
@ApplicationScoped
public class EslRoutingServer implements EslRouteListener.Router {

    private static final Logger LOG = Logger.getLogger(EslRoutingServer.class);

    @Inject
    RoutingConfig config;
    @Inject
    RoutingService routing;
    @Inject
    PbxConfig pbx;
    @Inject
    CallsConfig calls;
    @Inject
    MeterRegistry registry;

    private EslRouteListener listener;
    private ExecutorService deciders;
    private Timer routeSet;

    // after the routing service has loaded its policy (observers of default priority, 2500)
    void start(@Observes @Priority(3000) StartupEvent ev) {
        RoutingConfig.Socket s = config.socket();
        if (!s.enabled()) {
            return;
        }
        routeSet = Timer.builder("switchboard.routing.socket.route-set")
                .description("Outbound event socket: channel data received to route variables set")
                .publishPercentiles(0.5, 0.99).register(registry);
        deciders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("esl-route-decide").factory());
        listener = new EslRouteListener(new EslRouteListener.Settings(s.host(), s.port(), config.deadline(),
                s.variable(), s.idleTimeout(), PbxNodes.enabledHostsOf(pbx, "freeswitch"), calls.ivrVariables()), this, this::count);
        try {
            listener.start();
        } catch (IOException e) {
            // calls still flow: the dialplan's default route applies while nothing listens
            LOG.errorf(e, "routing server for FreeSWITCH not started on %s:%d; dialplans will use their default "
                    + "route", s.host(), s.port());
            listener = null;
            deciders.shutdownNow();
            return;
        }
        LOG.infof("routing server for FreeSWITCH (outbound event socket) on %s:%d", s.host(), listener.port());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (listener != null) {
            listener.close();
            deciders.shutdownNow();
        }
    }

    /** The bound port; -1 when the server is disabled. */
    public int port() {
        return listener == null ? -1 : listener.port();
    }

    /**
     * Decides on a virtual thread of its own, so that a strategy that overruns (it should not
     * block, but might) cannot hold the session past its deadline.
     */
    @Override
    public CompletableFuture<RouteDecision> route(RouteRequest request) {
        return CompletableFuture.supplyAsync(() -> routing.route(request), deciders).thenCompose(f -> f);
    }

    @Override
    public void fallback(RouteRequest request, String reason) {
        routing.fallback(request, reason);
    }

    @Override
    public void routeSet(RouteRequest request, long nanos) {
        routeSet.record(nanos, TimeUnit.NANOSECONDS);
    }

    private void count(String outcome) {
        registry.counter("switchboard.routing.socket.sessions", "outcome", outcome).increment();
    }

    /** Connections being served now. */
    public int openSessions() {
        return listener == null ? 0 : listener.openSessions();
    }

    /** Sessions that ended with {@code outcome} ({@code routed}, {@code deadline}, {@code error}, {@code refused}, {@code aborted}). */
    public double sessions(String outcome) {
        var c = registry.find("switchboard.routing.socket.sessions").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }
}
