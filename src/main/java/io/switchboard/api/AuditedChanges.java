package io.switchboard.api;

import io.switchboard.audit.AuditSnapshot;
import io.switchboard.audit.AuditTrail;
import io.switchboard.routing.RoutingService;
import io.switchboard.security.Actor;
import io.switchboard.workflow.WorkflowRefusal;
import io.switchboard.workflow.deploy.WorkflowRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs an admin change and puts it in the audit trail once it has happened (or was refused, or
 * failed), on the request's worker thread: the answer goes out after the entry is written.
 */
@ApplicationScoped
public class AuditedChanges {

    private static final Logger LOG = Logger.getLogger(AuditedChanges.class);

    @Inject
    AuditTrail trail;

    /**
     * @param before what the target was ({@code null} when it did not exist or has no state worth keeping)
     * @param after  what to keep of the change's result ({@code null} allowed)
     */
    public <T> T run(Actor actor, String action, String targetType, String targetId, AuditSnapshot before,
                     Supplier<T> change, Function<? super T, ? extends AuditSnapshot> after) {
        T result;
        try {
            result = change.get();
        } catch (RuntimeException e) {
            refusedOrFailed(actor, action, targetType, targetId, before, e);
            throw e;
        }
        trail.record(actor, action, targetType, targetId, before, after.apply(result));
        return result;
    }

    private void refusedOrFailed(Actor actor, String action, String targetType, String targetId, AuditSnapshot before,
                                 RuntimeException e) {
        try {
            trail.record(actor, action, targetType, targetId, before, null, outcome(e), e.getMessage());
        } catch (RuntimeException auditFailed) {
            LOG.errorf("%s on %s %s by %s not audited: %s", action, targetType, targetId, actor.username(),
                    auditFailed.getMessage());
            e.addSuppressed(auditFailed);
        }
    }

    /**
     * As {@link #run}, for a change made in a transaction of its own: {@code change} runs the
     * entry's insert in that transaction, so the change and its entry commit together or not at all.
     */
    public void runJoined(Actor actor, String action, String targetType, String targetId, AuditSnapshot before,
                          AuditSnapshot after, Consumer<AuditTrail.Insert> change) {
        AuditTrail.Insert insert = trail.entry(actor, action, targetType, targetId, before, after, AuditTrail.OK, null);
        try {
            change.accept(insert);
        } catch (RuntimeException e) {
            refusedOrFailed(actor, action, targetType, targetId, before, e);
            throw e;
        }
    }

    public void run(Actor actor, String action, String targetType, String targetId, AuditSnapshot before,
                    Runnable change) {
        run(actor, action, targetType, targetId, before, () -> {
            change.run();
            return null;
        }, r -> null);
    }

    /** Refused when the caller gets a 4xx (nothing changed), failed otherwise. */
    static String outcome(RuntimeException e) {
        int status = switch (e) {
            case ApiException a -> a.status();
            case WorkflowRejected w -> w.status();
            case WorkflowRefusal w -> w.status();
            case io.switchboard.cti.CtiRefusal c -> c.status();
            case WebApplicationException w -> w.getResponse().getStatus();
            case RoutingService.InvalidPolicyException p -> 400;
            case IllegalArgumentException i -> 400; // also UnsafePbxValueException
            default -> 500;
        };
        return status >= 400 && status < 500 ? AuditTrail.REFUSED : AuditTrail.FAILED;
    }
}
