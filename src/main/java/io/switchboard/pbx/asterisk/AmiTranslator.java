package io.switchboard.pbx.asterisk;

import io.switchboard.events.AgentState;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;
import io.switchboard.events.EventMeta;
import io.switchboard.pbx.TranslationStats;
import io.switchboard.pbx.asterisk.ami.AmiFrame;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AMI event frame → normalized {@link CallEvent}: an explicit table, one case per AMI event.
 * Events the model does not need are "ignored" (counted); names missing from the table are
 * "unknown" (counted, never fatal). A field that only refines an event (cause, position, hold or
 * ring time, Timestamp) and cannot be read becomes its documented fallback and is counted as
 * unreadable: a hangup must not be lost over its cause code. Stateless apart from counters: safe on
 * the reader thread. The table is documented in {@code docs/events.md}.
 */
public final class AmiTranslator {

    /** Variables that steer the call model; always translated. */
    static final String QUEUESTATUS = "QUEUESTATUS";
    static final String AGISTATUS = "AGISTATUS";

    /** AMI events read but not needed by the call model. */
    static final Set<String> IGNORED = Set.of(
            "cel", "cdr", "devicestatechange", "newconnectedline",
            "musiconholdstart", "musiconholdstop", "dialstate", "bridgecreate", "bridgedestroy", "bridgemerge",
            "queuememberpenalty", "queuememberringinuse", "queueparams", "queuemember", "queueentry",
            "queuestatuscomplete", "agiexecstart", "agiexecend", "asyncagistart", "asyncagiexec", "asyncagiend",
            "fullybooted", "successfulauth", "challengesent", "newaccountcode", "rtcpsent", "rtcpreceived",
            "peerstatus", "contactstatus", "registry", "dtmfbegin", "originateresponse", "coreshowchannel",
            "coreshowchannelscomplete", "reload", "localoptimizationbegin", "localoptimizationend",
            "chanspystart", "chanspystop", "mixmonitorstart", "mixmonitorstop", "rename", "newextenstate",
            "extensionstatus", "presencestatus", "loadaverage", "varset", "newexten");

    private final String nodeId;
    private final Set<String> ivrVariables;
    private final TranslationStats stats = new TranslationStats();

    /**
     * @param nodeId       node the events come from
     * @param ivrVariables channel variables reported as {@link IvrData} (case-insensitive; leading
     *                     inheritance underscores are ignored)
     */
    public AmiTranslator(String nodeId, Set<String> ivrVariables) {
        this.nodeId = nodeId;
        this.ivrVariables = ivrVariables.stream().map(v -> v.toUpperCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The normalized event, or {@code null} when the frame is ignored, unknown or invalid. */
    public CallEvent translate(AmiFrame f, Instant receivedAt) {
        String name = f.eventName();
        if (name == null) {
            stats.invalid();
            return null;
        }
        try {
            CallEvent e = map(name.toLowerCase(Locale.ROOT), f, receivedAt);
            if (e != null) {
                stats.translated();
            }
            return e;
        } catch (RuntimeException badValue) {
            // a header the event cannot exist without is unusable: count, skip, go on
            stats.invalid();
            return null;
        }
    }

    private CallEvent map(String name, AmiFrame f, Instant rx) {
        return switch (name) {
            case "newchannel" -> new LegCreated(meta(f, rx), f.get("Channel"), callerId(f.get("CallerIDNum")),
                    callerId(f.get("CallerIDName")), f.get("Context"), f.get("Exten"));
            case "newcallerid" -> new CallerIdUpdated(meta(f, rx), callerId(f.get("CallerIDNum")),
                    callerId(f.get("CallerIDName")));
            case "localbridge" -> new LegsLinked(
                    meta(f, rx, f.get("LocalOneLinkedid"), f.get("LocalOneUniqueid")), f.get("LocalTwoUniqueid"));
            case "newstate" -> switch (f.getOrDefault("ChannelState", "")) {
                case "5" -> new LegRinging(meta(f, rx));
                case "6" -> new LegAnswered(meta(f, rx));
                default -> ignore();
            };
            case "dialbegin" -> new DialStarted(dialMeta(f, rx), f.get("DestUniqueid"), f.get("DestChannel"),
                    f.get("DialString"));
            case "dialend" -> new DialEnded(dialMeta(f, rx), f.get("DestUniqueid"), f.get("DialStatus"));
            case "bridgeenter" -> new LegBridged(meta(f, rx), f.get("BridgeUniqueid"),
                    intOr(f.get("BridgeNumChannels"), 0));
            case "bridgeleave" -> new LegUnbridged(meta(f, rx), f.get("BridgeUniqueid"));
            case "hold" -> new LegHeld(meta(f, rx));
            case "unhold" -> new LegUnheld(meta(f, rx));
            case "newexten" -> "1".equals(f.get("Priority"))
                    ? new DialplanEntered(meta(f, rx), f.get("Context"), f.getOrDefault("Extension", f.get("Exten")))
                    : ignore();
            case "blindtransfer" -> new BlindTransferred(
                    meta(f, rx, f.get("TransfererLinkedid"), f.get("TransfererUniqueid")),
                    f.get("TransfereeUniqueid"), f.get("Context"), f.get("Extension"), success(f));
            case "attendedtransfer" -> new AttendedTransferred(
                    meta(f, rx, f.get("OrigTransfererLinkedid"), f.get("OrigTransfererUniqueid")),
                    f.get("TransfereeUniqueid"), f.get("TransferTargetUniqueid"), f.get("TransferTargetChannel"),
                    f.get("SecondTransfererLinkedid"), success(f));
            case "queuecallerjoin", "join" -> new QueueJoined(meta(f, rx), f.get("Queue"), intOr(f.get("Position"), 0));
            case "queuecallerleave", "leave" -> new QueueLeft(meta(f, rx), f.get("Queue"));
            case "queuecallerabandon" -> new QueueAbandoned(meta(f, rx), f.get("Queue"), intOr(f.get("Position"), 0),
                    intOr(f.get("OriginalPosition"), 0), intOr(f.get("HoldTime"), 0));
            case "agentcalled" -> new AgentOffered(meta(f, rx), f.get("Queue"), agentInterface(f),
                    f.get("MemberName"), f.get("DestUniqueid"));
            case "agentconnect" -> new AgentConnected(meta(f, rx), f.get("Queue"), agentInterface(f),
                    f.get("MemberName"), f.get("DestUniqueid"), intOr(f.get("HoldTime"), 0),
                    intOr(f.get("RingTime"), 0));
            case "agentringnoanswer" -> new AgentRingNoAnswer(meta(f, rx), f.get("Queue"), agentInterface(f),
                    f.get("MemberName"), f.get("DestUniqueid"), longOr(f.get("RingTime"), 0));
            case "agentcomplete" -> new AgentCompleted(meta(f, rx), f.get("Queue"), agentInterface(f),
                    f.get("MemberName"), intOr(f.get("HoldTime"), 0), intOr(f.get("TalkTime"), 0), f.get("Reason"));
            case "hanguprequest", "softhanguprequest" -> new LegHangupRequested(meta(f, rx),
                    intOr(f.get("Cause"), 0));
            case "hangup" -> new LegHangup(meta(f, rx), intOr(f.get("Cause"), 0), f.get("Cause-txt"));
            case "dtmfend" -> new Dtmf(meta(f, rx), f.get("Digit"), f.get("Direction"));
            case "varset" -> variable(f, rx);
            case "queuememberstatus", "queuememberpause", "queuememberadded" -> memberState(f, rx);
            case "queuememberremoved" -> new AgentStateChanged(meta(f, rx, null, null), f.get("Queue"),
                    f.get("Interface"), f.get("MemberName"), AgentState.LOGGED_OUT, false, null);
            case "userevent" -> userEvent(f, rx);
            default -> {
                if (IGNORED.contains(name)) {
                    yield ignore();
                }
                stats.unknown();
                yield null;
            }
        };
    }

    private CallEvent variable(AmiFrame f, Instant rx) {
        String var = stripInheritance(f.getOrDefault("Variable", "")).toUpperCase(Locale.ROOT);
        String value = f.getOrDefault("Value", "");
        if (var.equals(QUEUESTATUS)) {
            return new QueueOutcome(meta(f, rx), value);
        }
        if (var.equals(AGISTATUS)) {
            return new RoutingResult(meta(f, rx), value);
        }
        if (ivrVariables.contains(var) && !value.isEmpty()) {
            return new IvrData(meta(f, rx), var, value);
        }
        return ignore();
    }

    /** Queue member events carry the member's device state (AST_DEVICE_*) and pause flag. */
    private CallEvent memberState(AmiFrame f, Instant rx) {
        String reason = f.get("PausedReason");
        return new AgentStateChanged(meta(f, rx, null, null), f.get("Queue"), f.get("Interface"), f.get("MemberName"),
                memberDeviceState(f.get("Status")), "1".equals(f.get("Paused")),
                reason == null || reason.isEmpty() ? null : reason);
    }

    /**
     * A member of a QueueStatus answer (QueueMember: {@code Location} is the member interface that
     * QueueMemberStatus calls {@code Interface}, {@code Name} its MemberName), as the state event
     * QueueMemberStatus would have given. Not counted: it answers one of our actions.
     */
    AgentStateChanged queueMember(String queue, String memberInterface, String memberName, String status,
                                  boolean paused, String reason, Instant rx) {
        return new AgentStateChanged(new EventMeta(nodeId, rx, rx, null, null), queue, memberInterface, memberName,
                memberDeviceState(status), paused, reason == null || reason.isEmpty() ? null : reason);
    }

    /** A queue member's device state (AST_DEVICE_*) as the agent's state. */
    static AgentState memberDeviceState(String status) {
        return switch (status == null ? "0" : status.trim()) {
            case "1" -> AgentState.AVAILABLE;
            case "2", "3", "7", "8" -> AgentState.BUSY; // in use, busy, ringing while in use, on hold
            case "4", "5" -> AgentState.UNAVAILABLE;
            case "6" -> AgentState.RINGING;
            default -> AgentState.UNKNOWN;
        };
    }

    private CallEvent userEvent(AmiFrame f, Instant rx) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < f.size(); i++) {
            String n = f.name(i);
            if (!n.equalsIgnoreCase("Event") && !n.equalsIgnoreCase("Privilege")
                    && !n.equalsIgnoreCase("UserEvent") && !n.equalsIgnoreCase("Timestamp")) {
                headers.putIfAbsent(n, f.value(i));
            }
        }
        return new UserEvent(meta(f, rx), f.getOrDefault("UserEvent", ""), headers);
    }

    private CallEvent ignore() {
        stats.ignored();
        return null;
    }

    private EventMeta meta(AmiFrame f, Instant rx) {
        return meta(f, rx, f.get("Linkedid"), f.get("Uniqueid"));
    }

    /** Dial events from an originate have no calling channel, only the destination. */
    private EventMeta dialMeta(AmiFrame f, Instant rx) {
        String leg = f.get("Uniqueid");
        return leg != null ? meta(f, rx) : meta(f, rx, f.get("DestLinkedid"), null);
    }

    private EventMeta meta(AmiFrame f, Instant rx, String callId, String legId) {
        String ts = f.get("Timestamp");
        Instant at = AmiTimestamps.parse(ts, null);
        if (at == null) {
            if (ts != null && !ts.isEmpty()) {
                stats.unreadable();
            }
            at = rx; // the receive time stands in, as when timestampevents is off
        }
        return new EventMeta(nodeId, at, rx, callId, legId);
    }

    private static String agentInterface(AmiFrame f) {
        String i = f.get("Interface");
        return i != null ? i : f.get("AgentCalled");
    }

    private static boolean success(AmiFrame f) {
        return "Success".equalsIgnoreCase(f.get("Result"));
    }

    private static String callerId(String v) {
        return v == null || v.isEmpty() || "<unknown>".equals(v) ? null : v;
    }

    private static String stripInheritance(String var) {
        int i = 0;
        while (i < var.length() && i < 2 && var.charAt(i) == '_') {
            i++;
        }
        return var.substring(i);
    }

    /** A refining number: absent or unreadable gives {@code fallback} (unreadable is counted). */
    private int intOr(String v, int fallback) {
        return (int) longOr(v, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private long longOr(String v, long fallback) {
        return longOr(v, fallback, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private long longOr(String v, long fallback, long min, long max) {
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // counted below
        }
        stats.unreadable();
        return fallback;
    }

    public TranslationStats stats() {
        return stats;
    }
}
