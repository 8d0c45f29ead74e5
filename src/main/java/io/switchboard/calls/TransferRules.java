package io.switchboard.calls;

import io.switchboard.calls.CallRecord.Transfer;
import io.switchboard.events.CallEvent.BlindTransferred;
import io.switchboard.events.CallEvent.DialplanEntered;

import java.time.Duration;
import java.time.Instant;

/** How the tracker tells redirects and blind transfers apart, and who is named as transferring. */
final class TransferRules {

    /** Within this window a BlindTransfer and the caller's dialplan jump are one transfer. */
    private static final Duration TRANSFER_PAIRING = Duration.ofSeconds(5);

    private TransferRules() {
    }

    /** An answered caller that leaves its bridge and lands on a new extension was redirected. */
    static void detectRedirect(CallState c, Leg leg, DialplanEntered x, Instant t) {
        boolean answered = c.answeredAt != null || c.connectedAt != null;
        if (!leg.customer || !answered || !leg.bridges.isEmpty() || leg.hungUp || leg.hangupRequested
                || "h".equals(x.extension())) {
            return;
        }
        Transfer last = c.transfers.isEmpty() ? null : c.transfers.getLast();
        if (last != null && last.type() == TransferType.BLIND
                && Duration.between(last.at(), t).abs().compareTo(TRANSFER_PAIRING) <= 0) {
            return; // the jump that a blind transfer causes
        }
        c.transfers.add(new Transfer(TransferType.REDIRECT, agentLabel(c, null), x.extension(), x.context(), t));
    }

    static void blindTransfer(CallState c, Leg transferer, BlindTransferred x, Instant t) {
        if (!x.success()) {
            return;
        }
        Transfer last = c.transfers.isEmpty() ? null : c.transfers.getLast();
        if (last != null && last.type() == TransferType.REDIRECT
                && Duration.between(last.at(), t).abs().compareTo(TRANSFER_PAIRING) <= 0) {
            c.transfers.removeLast(); // the dialplan jump arrived first
        }
        c.transfers.add(new Transfer(TransferType.BLIND, agentLabel(c, transferer), x.extension(), x.context(), t));
    }

    static String agentLabel(CallState c, Leg transferer) {
        if (c.agentName != null) {
            return c.agentName;
        }
        if (c.agentInterface != null) {
            return c.agentInterface;
        }
        return transferer != null ? transferer.channel : null;
    }
}
