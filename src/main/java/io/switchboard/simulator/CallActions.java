package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.InteractiveCall.State;
import java.util.Locale;

/**
 * The call-control actions a middleware sends — PJSIPNotify, Hangup, BlindTransfer, Atxfer,
 * CancelAtxfer — with Asterisk 22's response texts. On an {@link InteractiveCall}'s channels they
 * drive the call; on channels of played scripts they are only acknowledged, as before.
 */
final class CallActions {

    /** Sends the action's response: Success or Error with Asterisk's Message. */
    @FunctionalInterface
    interface Reply {
        void send(boolean success, String message);
    }

    private final AmiSimulator server;

    CallActions(AmiSimulator server) {
        this.server = server;
    }

    /** res_pjsip_notify: exactly one of Endpoint, URI, Channel; the phone then acts on Event talk / hold. */
    void notify(AmiFrame action, Reply reply) {
        String endpoint = action.getOrDefault("Endpoint", "").trim();
        String uri = action.getOrDefault("URI", "").trim();
        String channel = action.getOrDefault("Channel", "").trim();
        int given = (endpoint.isEmpty() ? 0 : 1) + (uri.isEmpty() ? 0 : 1) + (channel.isEmpty() ? 0 : 1);
        if (given != 1) {
            reply.send(false, "PJSIPNotify requires either an endpoint name, a SIP URI, or a channel."
                    + (given > 1 ? "  You must use only one of them." : ""));
            return;
        }
        if (!channel.isEmpty()) {
            boolean known = server.channels().hasChannel(channel);
            reply.send(known, known ? "NOTIFY sent" : "Channel not found");
            return;
        }
        if (!uri.isEmpty()) {
            reply.send(true, "NOTIFY sent");
            return;
        }
        String device = endpoint.replaceFirst("(?i)^(pj)?sip/", "");
        if (!server.knowsEndpoint(device)) {
            reply.send(false, "Unable to retrieve endpoint " + device);
            return;
        }
        reply.send(true, "NOTIFY sent");
        String event = notifyEvent(action);
        if ("talk".equals(event)) {
            InteractiveCall c = server.calls().onPhone(device, State.RINGING, State.HELD);
            if (c != null && !c.answer()) {
                c.hold(false, () -> { });
            }
        } else if ("hold".equals(event)) {
            InteractiveCall c = server.calls().onPhone(device, State.TALKING);
            if (c != null) {
                c.hold(true, () -> { });
            }
        }
    }

    void hangup(AmiFrame action, Reply reply) {
        String channel = action.getOrDefault("Channel", "").trim();
        if (channel.isEmpty()) {
            reply.send(false, "No channel specified");
            return;
        }
        InteractiveCall c = server.calls().owning(channel);
        if (c != null && c.hangup(channel, () -> reply.send(true, "Channel Hungup"))) {
            return;
        }
        boolean known = server.channels().hasChannel(channel);
        reply.send(known, known ? "Channel Hungup" : "No such channel");
    }

    void blindTransfer(AmiFrame action, Reply reply) {
        String channel = transferChannel(action, reply);
        if (channel == null) {
            return;
        }
        InteractiveCall c = agentCall(channel);
        if (c == null) {
            acknowledgeOrMissing(channel, reply, "Transfer succeeded");
        } else if (!c.transfers.blind(action.get("Exten").trim(), action.get("Context"),
                () -> reply.send(true, "Transfer succeeded"))) {
            reply.send(false, "Transfer invalid");
        }
    }

    /** Asterisk queues the transfer feature's DTMF and acknowledges; when the channel cannot transfer nothing follows. */
    void atxfer(AmiFrame action, Reply reply) {
        String channel = transferChannel(action, reply);
        if (channel == null) {
            return;
        }
        InteractiveCall c = agentCall(channel);
        if (c == null || !c.transfers.start(action.get("Exten").trim(), action.get("Context"),
                () -> reply.send(true, "Atxfer successfully queued"))) {
            acknowledgeOrMissing(channel, reply, "Atxfer successfully queued");
        }
    }

    void cancelAtxfer(AmiFrame action, Reply reply) {
        String channel = action.getOrDefault("Channel", "").trim();
        if (channel.isEmpty()) {
            reply.send(false, "No channel specified");
            return;
        }
        InteractiveCall c = agentCall(channel);
        if (c == null || !c.transfers.cancel(() -> reply.send(true, "CancelAtxfer successfully queued"))) {
            acknowledgeOrMissing(channel, reply, "CancelAtxfer successfully queued");
        }
    }

    private String transferChannel(AmiFrame action, Reply reply) {
        String channel = action.getOrDefault("Channel", "").trim();
        if (channel.isEmpty()) {
            reply.send(false, "No channel specified");
            return null;
        }
        if (action.getOrDefault("Exten", "").isBlank()) {
            reply.send(false, "No extension specified");
            return null;
        }
        return channel;
    }

    private InteractiveCall agentCall(String channel) {
        InteractiveCall c = server.calls().owning(channel);
        return c != null && channel.equals(c.agentChannel()) ? c : null;
    }

    private void acknowledgeOrMissing(String channel, Reply reply, String message) {
        boolean known = server.channels().hasChannel(channel);
        reply.send(known, known ? message : "Channel specified does not exist");
    }

    /** The NOTIFY's {@code Event} from {@code Variable: Event=talk} headers. */
    private static String notifyEvent(AmiFrame action) {
        for (String v : action.getAll("Variable")) {
            int eq = v.indexOf('=');
            if (eq > 0 && v.substring(0, eq).trim().equalsIgnoreCase("Event")) {
                return v.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }
}
