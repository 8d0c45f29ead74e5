package io.switchboard.workflow.triggers;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.agents.AgentRoster;
import io.switchboard.agents.DispositionRecorded;
import io.switchboard.calls.CallEventListener;
import io.switchboard.calls.CallRecord;
import io.switchboard.events.CallEvent;
import io.switchboard.screenpop.Customer;
import io.switchboard.screenpop.CustomerDirectory;
import io.switchboard.screenpop.CustomerQuery;
import io.switchboard.screenpop.QueueTenants;
import io.switchboard.workflow.WorkflowConfig;
import io.switchboard.workflow.tickets.NewTicket;
import io.switchboard.workflow.tickets.TicketKind;
import io.switchboard.workflow.tickets.TicketService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Opens tickets from calls: a finished call's record (IVR intent, VIP abandon) and an agent's
 * wrap-up disposition. The lane thread only hands the record to a virtual thread; the customer
 * lookup, the ticket and its process happen there. Idempotent per call and kind (a replayed
 * record finds its ticket taken). A failure is logged and counted; the call itself is unaffected.
 */
@ApplicationScoped
public class WorkflowTriggers implements CallEventListener {

    private static final Logger LOG = Logger.getLogger(WorkflowTriggers.class);

    @Inject
    WorkflowConfig config;
    @Inject
    TicketService tickets;
    @Inject
    CustomerDirectory customers;
    @Inject
    QueueTenants tenants;
    @Inject
    AgentRoster roster;
    @Inject
    MeterRegistry registry;

    private final ExecutorService worker =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("workflow-trigger-", 0).factory());

    @Override
    public void onEvent(CallEvent event, String callId) {
        // tickets come from finished calls only
    }

    @Override
    public void onRecord(CallRecord record) {
        if (config.triggers().enabled()) {
            worker.execute(() -> guarded("call", record.id(), () -> fromRecord(record)));
        }
    }

    void onDisposition(@ObservesAsync DispositionRecorded d) {
        if (config.triggers().enabled() && d.code() != null
                && config.triggers().unresolvedDispositions().contains(d.code().toLowerCase(Locale.ROOT))) {
            guarded("disposition", d.callId(), () -> open(new NewTicket(d.tenant(), TicketKind.UNRESOLVED,
                    "Unresolved call " + d.callId(), d.note(), "normal", null, null, d.callId(), null, null,
                    d.agentId(), d.username(), null, CallTrigger.key(d.callId(), TicketKind.UNRESOLVED)), "disposition"));
        }
    }

    private void fromRecord(CallRecord r) {
        String tenant = tenants.tenantOf(r.queue());
        String agentId = roster.agentAt(r.node(), r.agentInterface()).map(a -> a.id()).orElse(null);
        String customerId = r.ivrData().get("CUSTOMER_ID");
        Optional<CallTrigger.Wanted> wanted = CallTrigger.intent(r, config.triggers());
        if (wanted.isPresent()) {
            CallTrigger.Wanted w = wanted.get();
            TicketKind kind = w.kind() == TicketKind.DISCOUNT && w.amount() == null ? TicketKind.GENERAL : w.kind();
            String subject = kind == TicketKind.GENERAL ? "Discount request without a readable amount (call " + r.id() + ")"
                    : (w.kind() == TicketKind.DISCOUNT ? "Discount request" : "Complaint") + " from " + caller(r);
            open(new NewTicket(tenant, kind, subject, w.reason(), "normal", r.callerNumber(), customerId, r.id(),
                    kind == TicketKind.DISCOUNT ? w.amount() : null, null, agentId, "trigger", null,
                    CallTrigger.key(r.id(), w.kind())), w.kind().id());
        }
        if (config.triggers().vipCallback() && CallTrigger.abandoned(r) && isVip(tenant, r)) {
            open(new NewTicket(tenant, TicketKind.CALLBACK, "Call back VIP " + caller(r), "abandoned after "
                    + r.waitMillis() / 1000 + " s waiting" + (r.queue() == null ? "" : " in " + r.queue()), "high",
                    r.callerNumber(), customerId, r.id(), null, null, null, "trigger", null,
                    CallTrigger.key(r.id(), TicketKind.CALLBACK)), "vip-callback");
        }
    }

    private boolean isVip(String tenant, CallRecord r) {
        if (CallTrigger.vipByIvr(r)) {
            return true;
        }
        try {
            Optional<Customer> c = customers.find(new CustomerQuery(tenant, r.callerNumber(), r.ivrData().get("CUSTOMER_ID"),
                    r.ivrData().get("ACCOUNT_ID"))).toCompletableFuture()
                    .get(config.triggers().customerLookup().toMillis(), TimeUnit.MILLISECONDS);
            return c.map(x -> x.vip() || (x.segment() != null
                    && config.triggers().vipSegments().contains(x.segment().toLowerCase(Locale.ROOT)))).orElse(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warnf("call %s: customer lookup for the VIP callback failed (%s)", r.id(), e.toString());
            count("vip-callback", "lookup-failed");
            return false;
        }
    }

    private void open(NewTicket t, String trigger) {
        TicketService.Opened o = tickets.open(t);
        count(trigger, o.created() ? "opened" : "duplicate");
        if (o.created()) {
            LOG.debugf("call %s opened %s ticket %s", t.callId(), t.kind().id(), o.ticket().id());
        }
    }

    private void guarded(String source, String callId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s %s: opening its ticket failed", source, callId);
            count(source, "failed");
        }
    }

    private void count(String trigger, String outcome) {
        registry.counter("switchboard.workflow.triggers", "trigger", trigger, "outcome", outcome).increment();
    }

    private static String caller(CallRecord r) {
        return r.callerName() != null && !r.callerName().isBlank() ? r.callerName() + " (" + r.callerNumber() + ")"
                : String.valueOf(r.callerNumber());
    }

    void stop(@Observes ShutdownEvent ev) {
        worker.shutdown();
    }
}
