package io.switchboard.workflow.triggers;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.Disposition;
import io.switchboard.workflow.WorkflowConfig;
import io.switchboard.workflow.tickets.TicketKind;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which ticket a finished call asks for, from its normalized record alone (pure, no I/O): an IVR
 * intent of discount or complaint, or an abandoned call that may be a VIP's (the caller decides
 * with the customer directory). Checked in this order; one ticket per call and kind.
 */
public final class CallTrigger {

    /** What the call asks for; {@code amount} null when the IVR gave none or an unreadable one. */
    public record Wanted(TicketKind kind, String reason, BigDecimal amount) {
    }

    private static final Set<String> TRUE = Set.of("1", "true", "yes", "y");

    private CallTrigger() {
    }

    public static Optional<Wanted> intent(CallRecord r, WorkflowConfig.Triggers t) {
        String intent = r.ivrData().get("INTENT");
        if (intent == null || intent.isBlank()) {
            return Optional.empty();
        }
        String normalized = intent.strip().toLowerCase(Locale.ROOT);
        if (lowered(t.discountIntents()).contains(normalized)) {
            return Optional.of(new Wanted(TicketKind.DISCOUNT, "IVR intent " + intent,
                    amount(r.ivrData().get(t.amountVariable()))));
        }
        if (lowered(t.complaintIntents()).contains(normalized)) {
            return Optional.of(new Wanted(TicketKind.COMPLAINT, "IVR intent " + intent, null));
        }
        return Optional.empty();
    }

    /** An abandoned call (the caller hung up waiting) that may earn a callback. */
    public static boolean abandoned(CallRecord r) {
        return r.disposition() == Disposition.ABANDONED && r.callerNumber() != null && !r.callerNumber().isBlank();
    }

    /** The IVR itself says the caller is a VIP. */
    public static boolean vipByIvr(CallRecord r) {
        String vip = r.ivrData().get("VIP");
        return vip != null && TRUE.contains(vip.strip().toLowerCase(Locale.ROOT));
    }

    /** A positive amount with at most two decimals, or null. */
    static BigDecimal amount(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            BigDecimal a = new BigDecimal(raw.strip());
            return a.signum() > 0 && a.scale() <= 2 && a.precision() - a.scale() <= 12 ? a : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Set<String> lowered(Set<String> values) {
        return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    /** The key that keeps a replayed call from opening a second ticket of the same kind. */
    public static String key(String callId, TicketKind kind) {
        return callId + "#" + kind.id();
    }
}
