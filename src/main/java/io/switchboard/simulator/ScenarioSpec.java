package io.switchboard.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one synthetic inbound queue call does.
 *
 * @param ringNoAnswerAgents agent numbers ("1".."3", or "agent2") rung first, each for {@code ringMillis}, without answer
 * @param answeringAgent     agent number that answers; null when nobody does
 * @param waitMillis         QueueCallerJoin to AgentConnect, or to the abandon / queue timeout
 * @param holdMillis         one hold in the middle of the talk; connected time = talkMillis + holdMillis
 * @param transfer           null, or what the agent does at the end of the talk
 */
public record ScenarioSpec(String callerNum, String callerName, String queue, Map<String, String> ivrVars,
                           List<String> ringNoAnswerAgents, Integer answeringAgent, long waitMillis, long ringMillis,
                           long talkMillis, long holdMillis, Outcome outcome, Transfer transfer) {

    public enum Outcome { ANSWER, CALLER_ABANDON, QUEUE_TIMEOUT }

    public enum TransferType { BLIND, ATTENDED, REDIRECT }

    /** Transfer to {@code target} in context {@code transfer-target}. */
    public record Transfer(TransferType type, String target) {
        public static final String CONTEXT = "transfer-target";

        public Transfer {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(target, "target");
        }

        public static Transfer blind() {
            return new Transfer(TransferType.BLIND, "2000");
        }

        public static Transfer attended() {
            return new Transfer(TransferType.ATTENDED, "2001");
        }

        public static Transfer redirect() {
            return new Transfer(TransferType.REDIRECT, "2000");
        }
    }

    public ScenarioSpec {
        Objects.requireNonNull(callerNum, "callerNum");
        Objects.requireNonNull(callerName, "callerName");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(outcome, "outcome");
        ivrVars = ivrVars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ivrVars));
        ringNoAnswerAgents = ringNoAnswerAgents == null ? List.of() : List.copyOf(ringNoAnswerAgents);
        if (waitMillis < 0 || ringMillis < 0 || talkMillis < 0 || holdMillis < 0) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (outcome == Outcome.ANSWER && answeringAgent == null) {
            throw new IllegalArgumentException("an answered call needs an answering agent");
        }
        if (outcome != Outcome.ANSWER && (answeringAgent != null || transfer != null)) {
            throw new IllegalArgumentException("only answered calls have an agent or a transfer");
        }
    }

    /** A plain answered call to queue {@code support}. */
    public static ScenarioSpec answered(String callerNum, String callerName, int agent, long waitMillis, long talkMillis) {
        return new ScenarioSpec(callerNum, callerName, "support", Map.of(), List.of(), agent, waitMillis, 1_000,
                talkMillis, 0, Outcome.ANSWER, null);
    }

    /** A caller who hangs up after {@code waitMillis} in queue {@code support}. */
    public static ScenarioSpec abandoned(String callerNum, String callerName, long waitMillis) {
        return new ScenarioSpec(callerNum, callerName, "support", Map.of(), List.of(), null, waitMillis, 1_000,
                0, 0, Outcome.CALLER_ABANDON, null);
    }

    /** A caller the queue gives up on after {@code waitMillis}. */
    public static ScenarioSpec timedOut(String callerNum, String callerName, long waitMillis) {
        return new ScenarioSpec(callerNum, callerName, "support", Map.of(), List.of(), null, waitMillis, 1_000,
                0, 0, Outcome.QUEUE_TIMEOUT, null);
    }

    public ScenarioSpec withIvrVars(Map<String, String> vars) {
        return new ScenarioSpec(callerNum, callerName, queue, vars, ringNoAnswerAgents, answeringAgent, waitMillis,
                ringMillis, talkMillis, holdMillis, outcome, transfer);
    }

    public ScenarioSpec withRingNoAnswer(List<String> agents, long ring) {
        return new ScenarioSpec(callerNum, callerName, queue, ivrVars, agents, answeringAgent, waitMillis, ring,
                talkMillis, holdMillis, outcome, transfer);
    }

    public ScenarioSpec withHold(long hold) {
        return new ScenarioSpec(callerNum, callerName, queue, ivrVars, ringNoAnswerAgents, answeringAgent, waitMillis,
                ringMillis, talkMillis, hold, outcome, transfer);
    }

    public ScenarioSpec withTransfer(Transfer newTransfer) {
        return new ScenarioSpec(callerNum, callerName, queue, ivrVars, ringNoAnswerAgents, answeringAgent, waitMillis,
                ringMillis, talkMillis, holdMillis, outcome, newTransfer);
    }

    /** Queue member interface of agent {@code n}: {@code Local/agentN@agents/n}. */
    public static String agentInterface(int n) {
        return "Local/agent" + n + "@agents/n";
    }

    /** Member name as configured in queues.conf. */
    public static String agentName(int n) {
        return switch (n) {
            case 1 -> "Agent One";
            case 2 -> "Agent Two";
            case 3 -> "Agent Three";
            default -> "Agent " + n;
        };
    }

    /** Parses "2" or "agent2". */
    static int agentNumber(String agent) {
        String digits = agent.trim().replaceFirst("^(?i)agent", "");
        return Integer.parseInt(digits);
    }
}
