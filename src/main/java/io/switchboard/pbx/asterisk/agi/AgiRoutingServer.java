package io.switchboard.pbx.asterisk.agi;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.calls.CallsConfig;
import io.switchboard.pbx.PbxConfig;
import io.switchboard.pbx.PbxNodes;
import io.switchboard.routing.RoutingConfig;
import io.switchboard.routing.RoutingService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.asteriskjava.fastagi.AgiServerThread;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The FastAGI server Asterisk dialplans call with {@code AGI(agi://host:4573/route,...)}: asterisk-java's
 * {@code DefaultAgiServer} on its own thread ({@code AgiServerThread}) and its own pool, mapping the
 * script name {@code route} to {@link AgiRouteScript}. Started after the routing policy is loaded
 * when {@code switchboard.routing.agi.enabled}; stopped on shutdown.
 */
@ApplicationScoped
public class AgiRoutingServer {

    private static final Logger LOG = Logger.getLogger(AgiRoutingServer.class);
    static final String SCRIPT = "route";

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

    private AgiServerThread thread;
    private RoutingAgiServer server;
    private AgiRouteScript script;

    // after RoutingService has loaded the policy (default priority), so the first call finds it
    void onStart(@Observes @Priority(3000) StartupEvent ev) {
        if (config.agi().enabled()) {
            try {
                start();
            } catch (IllegalStateException e) {
                // the rest of the service is still useful: dialplans fall back to their own queue meanwhile
                LOG.errorf(e, "FastAGI routing server not started; Asterisk dialplans will use their fallback");
            }
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        stop();
    }

    /** Binds and serves; fails when the port cannot be bound. Does nothing when already running. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        RoutingConfig.Agi agi = config.agi();
        if (script == null) {
            script = new AgiRouteScript(routing, requestBuilder(), config.deadline(), agi.variable(), registry);
        }
        RoutingAgiServer s = new RoutingAgiServer(SCRIPT, script, registry);
        s.setPort(agi.port());
        s.setPoolSize(agi.poolSize());
        s.setMaximumPoolSize(Math.max(agi.poolSize(), agi.maxPoolSize()));
        s.setSocketReadTimeout((int) agi.readTimeout().toMillis());
        try {
            s.setAddress(InetAddress.getByName(agi.host()));
        } catch (IOException e) {
            throw new UncheckedIOException("FastAGI host " + agi.host() + " is not valid", e);
        }
        AgiServerThread t = new AgiServerThread(s);
        t.setDaemon(true);
        t.startup();
        try {
            s.bound().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.shutdown();
            throw new IllegalStateException("interrupted while the FastAGI server binds", e);
        } catch (ExecutionException | TimeoutException e) {
            shutdownQuietly(t);
            throw new IllegalStateException("FastAGI server cannot listen on " + agi.host() + ":" + agi.port(),
                    e.getCause() == null ? e : e.getCause());
        }
        server = s;
        thread = t;
        LOG.infof("FastAGI routing server listening on %s:%d (script %s, pool %d-%d)", agi.host(), agi.port(), SCRIPT,
                agi.poolSize(), agi.maxPoolSize());
    }

    /** Stops listening; calls being answered finish on the pool. */
    public synchronized void stop() {
        if (thread != null) {
            shutdownQuietly(thread);
            thread = null;
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    private static void shutdownQuietly(AgiServerThread t) {
        try {
            t.shutdown();
        } catch (IllegalStateException notRunning) {
            // the server thread never got to listen: nothing to stop
        }
    }

    private AgiRequestBuilder requestBuilder() {
        RoutingConfig.Agi agi = config.agi();
        Set<String> outputs = Set.of(agi.variable().toUpperCase(java.util.Locale.ROOT), "ROUTE_FALLBACK");
        // disabled nodes too: a node not collected from may still run a dialplan that asks
        return new AgiRequestBuilder(new AgiNodes(PbxNodes.hostsOf(pbx, "asterisk")), agi.argNames(),
                AgiRequestBuilder.fetchable(calls.ivrVariables(), agi.variables(), outputs), agi.nodeVariable());
    }
}
