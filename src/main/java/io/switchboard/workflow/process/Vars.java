package io.switchboard.workflow.process;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Names of the process variables the shipped processes and this code share, read through one helper. */
public final class Vars {

    public static final String TENANT = "tenant";
    public static final String TICKET_ID = "ticketId";
    /** The org unit working the ticket. */
    public static final String UNIT = "unit";
    /** The unit of tier-2 handling (unresolved calls, complaints). */
    public static final String ESCALATION_UNIT = "escalationUnit";
    public static final String AMOUNT = "amount";
    public static final String CUSTOMER_ID = "customerId";
    public static final String CALL_ID = "callId";
    public static final String CALLBACK_NUMBER = "callbackNumber";
    public static final String ATTEMPTS = "attempts";
    public static final String MAX_ATTEMPTS = "maxAttempts";
    public static final String RETRY_DELAY = "retryDelay";
    /** Approval tasks complete with it. */
    public static final String APPROVED = "approved";
    /** Escalation tasks complete with it. */
    public static final String RESOLVED = "resolved";
    /** The callback task completes with reached, no-answer, busy or unreachable. */
    public static final String OUTCOME = "outcome";
    public static final String COMMENT = "comment";
    /** Optional per-instance SLA of a task: {@code sla_<taskId>} = "PT1H,PT2H,PT4H". */
    public static final String SLA_PREFIX = "sla_";
    /** How often a task's escalation timer fired: each time it goes one level up. */
    public static final String ESCALATIONS_PREFIX = "escalations_";
    /** The unit a task was offered to (its candidate group), for alerts after the task is gone. */
    public static final String PEOPLE_PREFIX = "people_";

    // inputs of every user task (camunda:inputParameter), read by the assignment listener
    public static final String ASSIGN_UNIT = "assignUnit";
    public static final String ASSIGN_UP = "assignUp";
    public static final String ASSIGN_ROLE = "assignRole";
    public static final String ASSIGN_STRATEGY = "assignStrategy";

    private Vars() {
    }

    public static String string(VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        return v == null ? null : v.toString();
    }

    public static int integer(VariableScope scope, String name, int fallback) {
        Object v = scope.getVariable(name);
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            return Integer.parseInt(s.strip());
        }
        return fallback;
    }
}
