package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Answers AMI actions the way Asterisk 22 does; runs on each client's reader thread. */
final class ActionHandler {

    static final String ASTERISK_VERSION = "22.5.2";
    static final String VERSION_LINE = "Asterisk " + ASTERISK_VERSION + " built by root @ sim on a x86_64 running Linux";

    private final AmiSimulator server;
    private final CallActions calls;
    private final SecureRandom random = new SecureRandom();
    private final long bootMillis = System.currentTimeMillis();

    ActionHandler(AmiSimulator server) {
        this.server = server;
        this.calls = new CallActions(server);
    }

    void handle(ClientSession s, AmiFrame action) {
        server.recordAction(action);
        if (server.leavesUnanswered(action)) {
            return; // a PBX that never answers, for deadline tests
        }
        String name = action.get("Action");
        String actionId = action.get("ActionID");
        if (name == null || name.isBlank()) {
            s.send(error(actionId, "Missing action in request"));
            return;
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("challenge")) {
            challenge(s, action, actionId);
            return;
        }
        if (lower.equals("login")) {
            login(s, action, actionId);
            return;
        }
        if (lower.equals("logoff")) { // Asterisk accepts Logoff before authentication too
            s.send(start("Goodbye", actionId).add("Message", "Thanks for all the fish.").build());
            s.closeAfterFlush();
            return;
        }
        if (!s.loggedIn()) {
            s.send(error(actionId, "Permission denied"));
            return;
        }
        switch (lower) {
            case "ping" -> s.send(success(actionId).add("Ping", "Pong")
                    .add("Timestamp", AmiTime.format(AmiTime.nowMicros())).build());
            case "events" -> events(s, action, actionId);
            case "coresettings" -> s.send(coreSettings(actionId));
            case "command" -> command(s, action, actionId);
            case "originate" -> originate(s, action, actionId);
            case "coreshowchannels" -> coreShowChannels(s, actionId);
            case "hangup" -> calls.hangup(action, reply(s, actionId));
            case "redirect" -> channelAction(s, action, actionId, "Redirect successful");
            case "atxfer" -> calls.atxfer(action, reply(s, actionId));
            case "blindtransfer" -> calls.blindTransfer(action, reply(s, actionId));
            case "cancelatxfer" -> calls.cancelAtxfer(action, reply(s, actionId));
            case "pjsipnotify" -> calls.notify(action, reply(s, actionId));
            case "queueadd" -> {
                server.addPhone(action.get("Interface"));
                queueChange(s, actionId, server.queues().add(action));
            }
            case "queueremove" -> queueChange(s, actionId, server.queues().remove(action));
            case "queuepause" -> queueChange(s, actionId, server.queues().pause(action));
            case "queuestatus" -> queueStatus(s, action, actionId);
            case "setvar" -> s.send(success(actionId).add("Message", "Variable Set").build());
            default -> s.send(error(actionId, "Invalid/unknown command"));
        }
    }

    private void challenge(ClientSession s, AmiFrame action, String actionId) {
        if (!"md5".equalsIgnoreCase(action.getOrDefault("AuthType", "").trim())) {
            s.send(error(actionId, "Must specify AuthType"));
            return;
        }
        String challenge = Integer.toString(100_000_000 + random.nextInt(900_000_000));
        s.challenge = challenge;
        s.send(success(actionId).add("Challenge", challenge).build());
    }

    private void login(ClientSession s, AmiFrame action, String actionId) {
        SimulatorSettings settings = server.settings();
        boolean userOk = settings.username().equals(action.getOrDefault("Username", ""));
        boolean secretOk;
        if ("md5".equalsIgnoreCase(action.getOrDefault("AuthType", "").trim())) {
            String challenge = s.challenge;
            String key = action.getOrDefault("Key", "");
            secretOk = challenge != null && md5Hex(challenge + settings.secret()).equalsIgnoreCase(key);
        } else {
            secretOk = settings.secret().equals(action.getOrDefault("Secret", ""));
        }
        if (!userOk || !secretOk) {
            s.send(error(actionId, "Authentication failed"));
            s.closeAfterFlush(); // Asterisk ends the session after a failed login
            return;
        }
        EventMask mask = EventMask.parse(action.get("Events"));
        s.send(success(actionId).add("Message", "Authentication accepted").build());
        if (mask.on() && (mask.classes() == null || mask.classes().contains("system"))) {
            long uptime = (System.currentTimeMillis() - bootMillis) / 1000;
            s.send(AmiFrame.of("Event", "FullyBooted", "Privilege", "system,all", "Uptime", Long.toString(uptime),
                    "LastReload", Long.toString(uptime), "Status", "Fully Booted"));
        }
        s.loggedIn(mask.on(), mask.classes()); // after FullyBooted: no event may overtake it
        server.loggedIn(s);
    }

    private void events(ClientSession s, AmiFrame action, String actionId) {
        EventMask mask = EventMask.parse(action.getOrDefault("EventMask", "on"));
        s.events(mask.on(), mask.classes());
        s.send(success(actionId).add("Events", mask.on() ? "On" : "Off").build());
        server.clientsChanged();
    }

    private static AmiFrame coreSettings(String actionId) {
        return success(actionId)
                .add("AMIversion", "11.0.0").add("AsteriskVersion", ASTERISK_VERSION).add("SystemName", "")
                .add("CoreMaxCalls", "0").add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "asterisk")
                .add("CoreRunGroup", "asterisk").add("CoreMaxFilehandles", "0").add("CoreRealTimeEnabled", "No")
                .add("CoreCDRenabled", "Yes").add("CoreHTTPenabled", "No").build();
    }

    private static void command(ClientSession s, AmiFrame action, String actionId) {
        String command = action.getOrDefault("Command", "").trim();
        String output = switch (command.toLowerCase(java.util.Locale.ROOT)) {
            case "core show version" -> VERSION_LINE;
            case "dialplan reload" -> "Dialplan reloaded."; // as Asterisk 22 prints it
            default -> "Command '" + command + "' accepted by the simulator";
        };
        s.send(success(actionId).add("Message", "Command output follows").add("Output", output).build());
    }

    private void originate(ClientSession s, AmiFrame action, String actionId) {
        if (action.getOrDefault("Channel", "").isBlank()) {
            s.send(error(actionId, "Channel not specified"));
            return;
        }
        s.send(success(actionId).add("Message", "Originate successfully queued").build());
        server.playOriginate(action);
    }

    private void coreShowChannels(ClientSession s, String actionId) {
        var channels = server.channels().coreShowChannels(actionId);
        s.send(success(actionId).add("EventList", "start").add("Message", "Channels will follow").build());
        channels.forEach(s::send);
        AmiFrame.Builder done = AmiFrame.builder().add("Event", "CoreShowChannelsComplete");
        if (actionId != null) {
            done.add("ActionID", actionId);
        }
        s.send(done.add("EventList", "Complete").add("ListItems", Integer.toString(channels.size())).build());
    }

    private static CallActions.Reply reply(ClientSession s, String actionId) {
        return (ok, message) -> s.send(ok ? success(actionId).add("Message", message).build() : error(actionId, message));
    }

    /** The response first, then the member events app_queue raises. */
    private void queueChange(ClientSession s, String actionId, SimQueues.Outcome outcome) {
        reply(s, actionId).send(outcome.success(), outcome.message());
        outcome.events().forEach(server::emit);
    }

    /** A list action: acknowledgement, the items (only to the client that asked), then QueueStatusComplete. */
    private void queueStatus(ClientSession s, AmiFrame action, String actionId) {
        var items = server.queues().status(actionId, action.get("Queue"), action.get("Member"));
        s.send(success(actionId).add("EventList", "start").add("Message", "Queue status will follow").build());
        items.forEach(s::send);
        AmiFrame.Builder done = AmiFrame.builder().add("Event", "QueueStatusComplete");
        if (actionId != null) {
            done.add("ActionID", actionId);
        }
        s.send(done.add("EventList", "Complete").add("ListItems", Integer.toString(items.size())).build());
    }

    /** Actions on a channel succeed only for channels that are up, as in Asterisk. */
    private void channelAction(ClientSession s, AmiFrame action, String actionId, String message) {
        String channel = action.getOrDefault("Channel", "");
        if (channel.isBlank()) {
            s.send(error(actionId, "No channel specified"));
        } else if (!server.channels().hasChannel(channel)) {
            s.send(error(actionId, "No such channel"));
        } else {
            s.send(success(actionId).add("Message", message).build());
        }
    }

    private static AmiFrame.Builder start(String response, String actionId) {
        AmiFrame.Builder b = AmiFrame.builder().add("Response", response);
        if (actionId != null) {
            b.add("ActionID", actionId);
        }
        return b;
    }

    private static AmiFrame.Builder success(String actionId) {
        return start("Success", actionId);
    }

    private static AmiFrame error(String actionId, String message) {
        return start("Error", actionId).add("Message", message).build();
    }

    static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /** The {@code Events}/{@code EventMask} header: on, off or a list of event classes. */
    record EventMask(boolean on, Set<String> classes) {
        static EventMask parse(String value) {
            String v = value == null ? "on" : value.trim().toLowerCase(Locale.ROOT);
            switch (v) {
                case "on", "yes", "true", "all" -> {
                    return new EventMask(true, null);
                }
                case "off", "no", "false", "" -> {
                    return new EventMask(false, null);
                }
                default -> {
                    Set<String> list = Arrays.stream(v.split(",")).map(String::trim)
                            .filter(c -> !c.isEmpty()).collect(Collectors.toUnmodifiableSet());
                    return list.contains("all") || list.contains("on") ? new EventMask(true, null) : new EventMask(true, list);
                }
            }
        }
    }
}
