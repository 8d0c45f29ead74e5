package io.switchboard.pbx.asterisk.agi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.pbx.PbxText;
import io.switchboard.routing.RouteDecision;
import io.switchboard.routing.RouteRequest;
import io.switchboard.routing.RoutingService;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code route} FastAGI script: describe the call, ask {@link RoutingService}, wait at most the
 * deadline, then SET VARIABLE the decision's variables and last the route variable
 * ({@code context,exten,1}). On a missed deadline, an error or an unsafe value nothing is set, so
 * the dialplan's own fallback (route variable empty) applies. Runs on the AGI server's pool: each
 * connection is one call, and its blocking reads never touch an AMI reader thread.
 */
public final class AgiRouteScript implements AgiScript {

    private static final Logger LOG = Logger.getLogger(AgiRouteScript.class);

    /** What became of one AGI request (the {@code outcome} tag of {@code switchboard.routing.agi.requests}). */
    public enum Outcome {
        ROUTED("routed"), DEADLINE("deadline"), ERROR("error"), REFUSED("refused"), HANGUP("hangup");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final RoutingService routing;
    private final AgiRequestBuilder requests;
    private final Duration deadline;
    private final String routeVariable;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    AgiRouteScript(RoutingService routing, AgiRequestBuilder requests, Duration deadline, String routeVariable,
                   MeterRegistry registry) {
        this.routing = routing;
        this.requests = requests;
        this.deadline = deadline;
        this.routeVariable = routeVariable;
        for (Outcome o : Outcome.values()) {
            counters.put(o, Counter.builder("switchboard.routing.agi.requests")
                    .description("FastAGI routing requests, by what was answered").tag("outcome", o.tag)
                    .register(registry));
        }
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        Instant received = Instant.now();
        RouteRequest req;
        try {
            req = requests.build(request, channel, received);
        } catch (AgiHangupException gone) {
            counters.get(Outcome.HANGUP).increment();
            return;
        } catch (AgiException broken) {
            counters.get(Outcome.ERROR).increment(); // asterisk-java logs it and closes the connection
            throw broken;
        }
        Outcome outcome;
        try {
            outcome = answer(req, channel);
        } catch (AgiException broken) {
            counters.get(Outcome.ERROR).increment();
            routing.fallback(req, "error");
            throw broken;
        }
        counters.get(outcome).increment();
    }

    private Outcome answer(RouteRequest req, AgiChannel channel) throws AgiException {
        RouteDecision d;
        long start = System.nanoTime();
        try {
            CompletableFuture<RouteDecision> pending = routing.route(req);
            long left = deadline.toNanos() - (System.nanoTime() - start);
            d = pending.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (System.nanoTime() - start > deadline.toNanos()) {
                // decided, but late (a strategy that blocked): the deadline is what the dialplan was promised
                throw new TimeoutException();
            }
        } catch (TimeoutException late) {
            routing.fallback(req, "deadline");
            return Outcome.DEADLINE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            routing.fallback(req, "error");
            return Outcome.ERROR;
        } catch (ExecutionException | RuntimeException e) {
            LOG.debugf(e, "routing %s failed; the dialplan falls back", req.callId());
            routing.fallback(req, "error");
            return Outcome.ERROR;
        }
        Map<String, String> writes = writes(d, routeVariable);
        if (writes == null) {
            LOG.warnf("routing decision for %s has a line break or control character; nothing set", req.callId());
            routing.fallback(req, "error");
            return Outcome.REFUSED;
        }
        try {
            for (Map.Entry<String, String> w : writes.entrySet()) {
                channel.setVariable(w.getKey(), w.getValue());
            }
        } catch (AgiHangupException gone) {
            return Outcome.HANGUP;
        }
        return Outcome.ROUTED;
    }

    /**
     * The SET VARIABLEs in the order they are sent (decision variables by name, the route variable
     * last, so the dialplan never jumps with half of them), or null when any name or value would
     * break AGI framing: then nothing at all is written.
     */
    static Map<String, String> writes(RouteDecision d, String routeVariable) {
        Map<String, String> out = new java.util.LinkedHashMap<>(new TreeMap<>(d.variables()));
        out.remove(routeVariable);
        out.put(routeVariable, d.destination().asterisk());
        for (Map.Entry<String, String> e : out.entrySet()) {
            if (PbxText.hasControlCharacters(e.getKey()) || PbxText.hasControlCharacters(e.getValue())
                    || e.getKey().isBlank() || e.getKey().contains(" ") || e.getKey().contains("\"")) {
                return null;
            }
        }
        return out;
    }
}
