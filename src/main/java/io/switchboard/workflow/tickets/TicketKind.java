package io.switchboard.workflow.tickets;

import java.util.Locale;
import java.util.Optional;

/** What a ticket is about, and the process that works it ({@code null}: none, the ticket is worked by hand). */
public enum TicketKind {
    DISCOUNT("discount-approval"),
    COMPLAINT("unresolved-escalation"),
    CALLBACK("vip-callback"),
    UNRESOLVED("unresolved-escalation"),
    GENERAL(null);

    private final String processKey;

    TicketKind(String processKey) {
        this.processKey = processKey;
    }

    public Optional<String> processKey() {
        return Optional.ofNullable(processKey);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code id} (case-insensitive); an unknown name is a client error. */
    public static TicketKind of(String id) {
        for (TicketKind k : values()) {
            if (k.id().equalsIgnoreCase(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind must be one of discount, complaint, callback, unresolved, general");
    }
}
