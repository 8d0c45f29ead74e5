package io.switchboard.screenpop;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an agent's desktop shows about a call it is offered. Sent whole on every change; the
 * desktop replaces the card of the same {@code callId} and ignores one whose {@code seq} is lower
 * than the card it shows.
 *
 * @param waitSeconds   time in queue until this offer (the wait so far), null when the call was not queued
 * @param transferredTo where the agent transferred the call (extension@context or a channel), when TRANSFERRED
 * @param customer      null until found (see {@code customerStatus})
 * @param enriched      true once the enrichment is over, whatever it found; no further enrichment follows
 */
public record PopCard(
        String callId,
        String node,
        long seq,
        Status status,
        String agentId,
        String callerNumber,
        String callerName,
        String queue,
        Instant queuedAt,
        Instant offeredAt,
        Instant answeredAt,
        Double waitSeconds,
        String transferredTo,
        Ivr ivr,
        Customer customer,
        CustomerStatus customerStatus,
        List<RecentCall> recentCalls,
        List<Ticket> openTickets,
        boolean enriched) {

    public PopCard {
        recentCalls = List.copyOf(recentCalls);
        openTickets = List.copyOf(openTickets);
    }

    public enum Status {
        RINGING, TALKING, HELD, TRANSFERRED, MISSED, ENDED;

        /** Nothing changes the card for this agent any more but the enrichment. */
        boolean isFinal() {
            return this == TRANSFERRED || this == MISSED || this == ENDED;
        }
    }

    public enum CustomerStatus {
        /** The directory has not answered yet. */
        PENDING,
        FOUND,
        NOT_FOUND,
        /** The directory timed out, failed or its circuit is open. */
        UNAVAILABLE
    }

    /**
     * The IVR data of the call: every variable it set, and the four the card knows by name
     * ({@code INTENT}, {@code CUSTOMER_ID}, {@code ACCOUNT_ID}, {@code LANGUAGE}, in any case).
     */
    public record Ivr(Map<String, String> variables, String intent, String customerId, String accountId,
                      String language) {

        public static final Ivr EMPTY = of(Map.of());

        public Ivr {
            variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }

        public static Ivr of(Map<String, String> variables) {
            String intent = null;
            String customerId = null;
            String accountId = null;
            String language = null;
            for (Map.Entry<String, String> v : variables.entrySet()) {
                switch (v.getKey().toUpperCase(Locale.ROOT)) {
                    case "INTENT" -> intent = v.getValue();
                    case "CUSTOMER_ID" -> customerId = v.getValue();
                    case "ACCOUNT_ID" -> accountId = v.getValue();
                    case "LANGUAGE" -> language = v.getValue();
                    default -> {
                    }
                }
            }
            return new Ivr(variables, intent, customerId, accountId, language);
        }
    }

    /** One of the caller's earlier calls, from the call records. */
    public record RecentCall(String callId, Instant startedAt, String queue, String agent, String disposition,
                             double talkSeconds) {
    }

    public record Ticket(String id, String subject, String status, Instant createdAt) {
    }
}
