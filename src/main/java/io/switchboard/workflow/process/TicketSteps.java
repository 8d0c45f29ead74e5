package io.switchboard.workflow.process;

import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;

import java.util.Map;

/**
 * The ticket follows its process ({@code ${ticketSteps}} in the processes): started on the start
 * event, closed with the outcome on each end event. Runs in the engine's transaction, so the ticket
 * and the process never disagree.
 */
@ApplicationScoped
@Named("ticketSteps")
public class TicketSteps {

    /** Outcome -> the ticket's final status (explicit: an outcome not listed here is a modelling error). */
    private static final Map<String, String> FINAL_STATUS = Map.of(
            "approved", Ticket.RESOLVED,
            "rejected", Ticket.CLOSED,
            "reached", Ticket.RESOLVED,
            "unreachable", Ticket.CLOSED,
            "resolved", Ticket.RESOLVED,
            "closed", Ticket.CLOSED);

    @Inject
    TicketStore tickets;

    public void started(DelegateExecution execution) {
        String ticketId = Vars.string(execution, Vars.TICKET_ID);
        if (ticketId == null) {
            return;
        }
        String key = execution.getProcessDefinitionId().split(":")[0];
        tickets.setProcess(ticketId, key, execution.getProcessInstanceId());
        tickets.event(ticketId, Vars.string(execution, Vars.TENANT), "system", "process-started", null, key,
                "definition " + execution.getProcessDefinitionId());
    }

    public void close(DelegateExecution execution, String outcome) {
        String status = FINAL_STATUS.get(outcome);
        if (status == null) {
            throw new IllegalArgumentException("unknown process outcome '" + outcome + "'");
        }
        String ticketId = Vars.string(execution, Vars.TICKET_ID);
        if (ticketId == null) {
            return;
        }
        String tenant = Vars.string(execution, Vars.TENANT);
        String before = tickets.find(ticketId).map(Ticket::status).orElse(null);
        tickets.close(ticketId, status, outcome);
        tickets.event(ticketId, tenant, "system", "closed", before, status, "outcome " + outcome);
    }
}
