package io.switchboard.workflow.tickets;

import io.switchboard.workflow.WorkflowConfig;
import io.switchboard.workflow.WorkflowRefusal;
import io.switchboard.workflow.deploy.WorkflowCatalog;
import io.switchboard.workflow.org.OrgDirectory;
import io.switchboard.workflow.process.Vars;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Opens tickets and starts their process in one transaction (a ticket never exists without the
 * process its kind needs, nor the other way round), and changes tickets by hand where no process
 * owns them. Checks come first; a bad field is an {@link IllegalArgumentException} (a 400).
 */
@ApplicationScoped
public class TicketService {

    public static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    private static final Set<String> MANUAL_STATUSES = Set.of(Ticket.OPEN, Ticket.IN_PROGRESS, Ticket.RESOLVED,
            Ticket.CLOSED);
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#]{1,40}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    @Inject
    TicketStore store;
    @Inject
    RuntimeService runtime;
    @Inject
    WorkflowCatalog catalog;
    @Inject
    OrgDirectory org;
    @Inject
    WorkflowConfig config;

    /** {@code created} false: the trigger key was taken and {@code ticket} is the one opened before. */
    public record Opened(Ticket ticket, boolean created) {
    }

    @Transactional
    public Opened open(NewTicket n) {
        NewTicket t = checked(n);
        if (t.triggerKey() != null) {
            var existing = store.byTrigger(t.triggerKey());
            if (existing.isPresent()) {
                return new Opened(existing.get(), false);
            }
        }
        String unit = t.unitId() != null ? t.unitId()
                : org.unitOfAgent(t.tenant(), t.agentId()).orElse(config.defaultUnit());
        Instant now = TicketStore.now();
        String id = UUID.randomUUID().toString();
        Ticket ticket = new Ticket(id, t.tenant(), t.kind(), Ticket.OPEN, t.priority(), t.subject(), t.description(),
                t.callerNumber(), t.customerId(), t.callId(), t.amount(), t.currency(), t.agentId(), t.createdBy(), unit,
                null, null, null, now, now, null);
        if (!store.insert(ticket, t.triggerKey())) {
            // a concurrent trigger of the same call won the unique key
            return new Opened(store.byTrigger(t.triggerKey()).orElseThrow(), false);
        }
        store.event(id, t.tenant(), t.createdBy(), "created", null, Ticket.OPEN,
                t.kind().id() + ": " + t.subject());
        t.kind().processKey().ifPresent(key -> start(key, ticket));
        return new Opened(store.find(id).orElseThrow(), true);
    }

    private void start(String processKey, Ticket t) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.TENANT, t.tenant());
        vars.put(Vars.TICKET_ID, t.id());
        vars.put(Vars.UNIT, t.unitId());
        vars.put(Vars.ESCALATION_UNIT, config.escalationUnit());
        vars.put(Vars.CUSTOMER_ID, t.customerId());
        vars.put(Vars.CALL_ID, t.callId());
        if (t.amount() != null) {
            vars.put(Vars.AMOUNT, t.amount().doubleValue());
        }
        vars.put(Vars.CALLBACK_NUMBER, t.callerNumber());
        vars.put(Vars.ATTEMPTS, 0);
        vars.put(Vars.MAX_ATTEMPTS, config.callback().maxAttempts());
        vars.put(Vars.RETRY_DELAY, config.callback().retryDelay().toString());
        // a tenant's own deployment wins; otherwise the shared default
        ProcessDefinition definition = catalog.processToStart(t.tenant(), processKey)
                .orElseThrow(() -> new ProcessEngineException("no process '" + processKey + "' is deployed"));
        runtime.createProcessInstanceById(definition.getId()).businessKey(t.id()).setVariables(vars).execute();
    }

    /** A status set by hand: only on tickets no running process owns. */
    @Transactional
    public Ticket setStatus(Ticket t, String status, String actor) {
        if (!MANUAL_STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + MANUAL_STATUSES.stream().sorted().toList());
        }
        if (t.processInstanceId() != null && runtime.createProcessInstanceQuery()
                .processInstanceId(t.processInstanceId()).count() > 0) {
            throw WorkflowRefusal.conflict("ticket " + t.id() + " is worked by process " + t.processKey()
                    + ": its status follows the process");
        }
        if (status.equals(t.status())) {
            return t;
        }
        if (status.equals(Ticket.RESOLVED) || status.equals(Ticket.CLOSED)) {
            store.close(t.id(), status, status);
        } else {
            store.setStatus(t.id(), status);
        }
        store.event(t.id(), t.tenant(), actor, "status", t.status(), status, null);
        return store.find(t.id()).orElseThrow();
    }

    private NewTicket checked(NewTicket n) {
        if (n.kind() == null) {
            throw new IllegalArgumentException("kind is required");
        }
        String subject = n.subject() == null ? "" : n.subject().strip();
        if (subject.isEmpty() || subject.length() > 255) {
            throw new IllegalArgumentException("subject is required (at most 255 characters)");
        }
        String priority = n.priority() == null ? "normal" : n.priority().toLowerCase(Locale.ROOT);
        if (!PRIORITIES.contains(priority)) {
            throw new IllegalArgumentException("priority must be one of low, normal, high, urgent");
        }
        String number = n.callerNumber() == null || n.callerNumber().isBlank() ? null : n.callerNumber().strip();
        if (number != null && !NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("callerNumber must be a phone number (digits, *, #, leading +)");
        }
        BigDecimal amount = n.amount();
        String currency = n.currency();
        switch (n.kind()) {
            case DISCOUNT -> {
                if (amount == null || amount.signum() <= 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 12) {
                    throw new IllegalArgumentException("a discount needs an amount above 0 with at most 2 decimals");
                }
                currency = currency == null ? config.currency() : currency.toUpperCase(Locale.ROOT);
                if (!CURRENCY.matcher(currency).matches()) {
                    throw new IllegalArgumentException("currency must be a 3-letter ISO 4217 code");
                }
            }
            case CALLBACK -> {
                if (number == null) {
                    throw new IllegalArgumentException("a callback needs the callerNumber to call");
                }
            }
            default -> {
                if (amount != null) {
                    throw new IllegalArgumentException("only discount tickets have an amount");
                }
                currency = null;
            }
        }
        return new NewTicket(n.tenant(), n.kind(), subject, n.description(), priority, number, n.customerId(),
                n.callId(), amount, currency, n.agentId(), n.createdBy(), n.unitId(), n.triggerKey());
    }
}
