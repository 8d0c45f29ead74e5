package io.switchboard.workflow.todos;

import java.util.Map;
import java.util.Set;

/**
 * What completing each shipped user task needs (an explicit table: the gateways after the tasks
 * read these variables, so a completion without them would take a wrong or stale path).
 */
final class TaskRules {

    static final String APPROVAL = "approval";
    static final String RESOLUTION = "resolution";
    static final String CALLBACK = "callback";
    static final Set<String> CALL_OUTCOMES = Set.of("reached", "no-answer", "busy", "unreachable");

    private static final Map<String, String> DECISION_BY_TASK = Map.of(
            "mainApproval", APPROVAL,
            "managerApproval", APPROVAL,
            "headApproval", APPROVAL,
            "tier2Handling", RESOLUTION,
            "departmentEscalation", RESOLUTION,
            "callCustomer", CALLBACK);

    private TaskRules() {
    }

    static String decisionOf(String taskKey) {
        return DECISION_BY_TASK.get(taskKey);
    }

    /** Throws when {@code vars} lack what the task's decision needs. */
    static void check(String taskKey, Map<String, Object> vars) {
        String decision = decisionOf(taskKey);
        if (decision == null) {
            return;
        }
        switch (decision) {
            case APPROVAL -> requireBoolean(vars, "approved");
            case RESOLUTION -> requireBoolean(vars, "resolved");
            case CALLBACK -> {
                if (!(vars.get("outcome") instanceof String s) || !CALL_OUTCOMES.contains(s)) {
                    throw new IllegalArgumentException("outcome must be one of " + CALL_OUTCOMES.stream().sorted().toList());
                }
            }
            default -> throw new IllegalStateException(decision);
        }
    }

    private static void requireBoolean(Map<String, Object> vars, String name) {
        if (!(vars.get(name) instanceof Boolean)) {
            throw new IllegalArgumentException(name + " (true or false) is required to complete this task");
        }
    }
}
