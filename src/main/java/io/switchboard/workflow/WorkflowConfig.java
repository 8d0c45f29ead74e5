package io.switchboard.workflow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code switchboard.workflow.*}: who works tickets, SLA durations per user task, and which calls
 * open tickets by themselves. Approval thresholds are not here: they are the DMN table's
 * ({@code bpmn/discount-approval-route.dmn}).
 */
@ConfigMapping(prefix = "switchboard.workflow")
public interface WorkflowConfig {

    /** Deploy the shipped BPMN/DMN (no tenant id: shared by all tenants) at start-up. */
    @WithDefault("true")
    boolean deployDefaults();

    /** The org unit that works a ticket when neither the request nor the agent's membership names one. */
    @WithDefault("frontline")
    String defaultUnit();

    /** The org unit of tier-2 handling; the department escalation goes to the manager of its parent. */
    @WithDefault("tier2")
    String escalationUnit();

    /** Currency of discounts when the request or the call does not say. */
    @WithDefault("EUR")
    String currency();

    Sla sla();

    Callback callback();

    Triggers triggers();

    /** SLA timers of user tasks: warning 1, warning 2, escalation, each counted from the task's creation. */
    interface Sla {
        /** ISO-8601 durations for levels 1, 2 and 3 (the interrupting escalation). */
        @WithDefault("PT1H,PT2H,PT4H")
        List<Duration> defaults();

        /** Per user task id (e.g. {@code mainApproval}), or per tenant and task ({@code acme:mainApproval}): its own three durations. */
        Map<String, List<Duration>> task();
    }

    interface Callback {
        /** Calls tried before a VIP callback ends unreachable. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait between two tries. */
        @WithDefault("PT15M")
        Duration retryDelay();
    }

    /** Tickets opened by finished calls and wrap-up dispositions. */
    interface Triggers {
        @WithDefault("true")
        boolean enabled();

        /** IVR intents (the call's {@code INTENT} variable) that open a discount ticket and its approval. */
        @WithDefault("discount,discount-request,discount request")
        Set<String> discountIntents();

        /** IVR intents that open a complaint ticket (worked like an unresolved call). */
        @WithDefault("complaint")
        Set<String> complaintIntents();

        /** IVR variable carrying the discount amount (must be one of {@code switchboard.calls.ivr-variables}). */
        @WithDefault("AMOUNT")
        String amountVariable();

        /** A VIP caller who abandoned gets a callback ticket and the {@code vip-callback} process. */
        @WithDefault("true")
        boolean vipCallback();

        /** Customer segments counted as VIP, besides the directory's VIP flag and an IVR {@code VIP} of true/1/yes. */
        @WithDefault("vip")
        Set<String> vipSegments();

        /** Wrap-up disposition codes that start the unresolved-call escalation. */
        @WithDefault("unresolved")
        Set<String> unresolvedDispositions();

        /** Time allowed for the customer lookup of an abandoned call. */
        @WithDefault("2s")
        Duration customerLookup();
    }
}
