package io.switchboard.cti;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import io.switchboard.pbx.UnsafePbxValueException;
import io.switchboard.security.Actor;
import io.switchboard.security.Tenancy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Sends one command to the node holding the call, within the deadline, and audits it. The
 * returned future never fails: every ending is an {@link ActionResult} with an outcome.
 */
@ApplicationScoped
public class CtiExecutor {

    @Inject
    CtiConfig config;
    @Inject
    CtiAudit audit;
    @Inject
    MeterRegistry registry;
    @Inject
    Tenancy tenancy;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public CompletableFuture<ActionResult> run(Actor actor, String agentId, String callId, CallControl control,
                                               PbxCommand command, String target) {
        long start = System.nanoTime();
        CompletableFuture<PbxReply> reply;
        try {
            reply = control.execute(command, config.deadline());
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((r, error) -> {
            double ms = (System.nanoTime() - start) / 1e6;
            ActionResult result = error == null
                    ? new ActionResult(command.action(), callId, control.nodeId(), r.success() ? "ok" : "failed",
                    r.message(), ms, r.data())
                    : new ActionResult(command.action(), callId, control.nodeId(), outcome(error), message(error), ms,
                    Map.of());
            finish(actor, agentId, target, result);
            return result;
        });
    }

    /** Audits an action refused before reaching the PBX (bad input, not allowed). */
    public ActionResult refused(Actor actor, String agentId, String action, String callId, String node, String target,
                                String outcome, String message) {
        ActionResult result = new ActionResult(action, callId, node, outcome, message, 0, Map.of());
        finish(actor, agentId, target, result);
        return result;
    }

    private void finish(Actor actor, String agentId, String target, ActionResult r) {
        timers.computeIfAbsent(r.action() + "/" + r.outcome(), k -> Timer.builder("switchboard.cti.actions")
                        .description("CTI actions from request to the PBX's reply")
                        .tags("action", r.action(), "outcome", r.outcome())
                        .publishPercentiles(0.5, 0.99).register(registry))
                .record(Math.round(r.latencyMs() * 1e6), java.util.concurrent.TimeUnit.NANOSECONDS);
        audit.record(new AuditEntry(Instant.now(), actor == null ? "system" : actor.username(), agentId, r.action(),
                r.callId(), r.node(), target, r.outcome(), r.message(), r.latencyMs(),
                // the service's own actions (callbacks, alert calls) have no user: the default tenant's audit
                actor == null || actor.tenant() == null ? tenancy.defaultTenant() : actor.tenant()));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static String outcome(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof TimeoutException) {
            return "timeout";
        }
        if (e instanceof NodeUnavailableException) {
            return "unavailable";
        }
        if (e instanceof UnsafePbxValueException) {
            return "invalid";
        }
        return "failed";
    }

    private String message(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof TimeoutException) {
            return "no answer from the PBX within " + config.deadline().toMillis() + " ms";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
