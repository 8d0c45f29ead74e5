package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.LiveChannel;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;
import io.switchboard.events.EventMeta;
import io.switchboard.pbx.TranslationStats;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * FreeSWITCH event (decoded headers, from {@code event plain} or {@code event json}) → normalized
 * {@link CallEvent}s: an explicit table, one case per event name and callcenter action. Unlike
 * AMI, FreeSWITCH has no id for a whole call, so this translator also keeps call identity
 * ({@link EslCallIdentity}) and a little per-channel memory (transfers seen, IVR variables,
 * consultation legs of attended transfers: {@link EslConsults}).
 * A field that only refines an event (a Q.850 cause, a callcenter time, Event-Date-Timestamp) and
 * cannot be read becomes its documented fallback and is counted as unreadable, so a hangup is never
 * lost over its cause code; an event without the channel it is about is invalid.
 * Must be called from one thread in socket order; the table is in {@code docs/events.md}.
 */
public final class EslTranslator {

    static final Set<String> IGNORED = Set.of(
            "CHANNEL_STATE", "CHANNEL_CALLSTATE", "CODEC", "CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE",
            "PRESENCE_IN", "PRESENCE_OUT", "API", "HEARTBEAT", "RE_SCHEDULE", "CHANNEL_OUTGOING", "CHANNEL_ORIGINATE",
            "CALL_UPDATE", "CHANNEL_PARK", "CHANNEL_UNPARK", "CHANNEL_UUID", "PLAYBACK_START", "PLAYBACK_STOP",
            "BACKGROUND_JOB", "MESSAGE_QUERY", "RECV_RTCP_MESSAGE", "SEND_RTCP_MESSAGE", "MEDIA_BUG_START",
            "MEDIA_BUG_STOP", "CALL_SECURE", "CHANNEL_APPLICATION", "RECORD_START", "RECORD_STOP", "SHUTDOWN",
            "MODULE_LOAD", "MODULE_UNLOAD", "RELOADXML", "LOG", "CLONE", "DETECTED_SPEECH", "PRIVATE_COMMAND");

    /** mod_callcenter actions that describe agents, not calls (the agent model reads them). */
    static final Set<String> IGNORED_CALLCENTER = Set.of("members-count", "agent-max-no-answer");

    private final String nodeId;
    private final Set<String> ivrVariables;
    private final EslCallIdentity identity = new EslCallIdentity();
    private final Map<String, LegMemory> legs = new HashMap<>();
    private final EslConsults consults = new EslConsults();
    private final TranslationStats stats = new TranslationStats();
    private final EslNumbers numbers = new EslNumbers(stats);
    /** The event being translated and its Event-Date-Timestamp, read once when an event needs it. */
    private Map<String, String> current;
    private Instant currentTime;
    /** Live snapshots, handed over from another thread; taken into the identity before the next event. */
    private final Queue<Learned> learned = new ConcurrentLinkedQueue<>();

    private record Learned(List<LiveChannel> channels, Instant requestedAt) {
    }

    /** What was already reported for a channel, so changes alone become events. */
    private static final class LegMemory {
        int blindTransfers;
        /** Was in a bridge: a transfer before that is how originate enters an extension, not a transfer of a call. */
        boolean bridged;
        final Map<String, String> ivr = new LinkedHashMap<>(4);
    }

    public EslTranslator(String nodeId, Set<String> ivrVariables) {
        this.nodeId = nodeId;
        this.ivrVariables = Set.copyOf(ivrVariables);
    }

    /**
     * Channels the switch reported live after a (re)connect, grouped by call_uuid as the call model
     * adopts them: channels created later and linked to them join the same call. Known channels it
     * does not list, with no event read since {@code requestedAt}, ended unseen and are forgotten
     * (their CHANNEL_DESTROY fell into the gap). Any thread.
     */
    public void learn(List<LiveChannel> channels, Instant requestedAt) {
        learned.add(new Learned(List.copyOf(channels), requestedAt));
    }

    /** Translates one event; zero or more normalized events go to {@code out}. */
    public void translate(Map<String, String> h, Instant receivedAt, Consumer<CallEvent> out) {
        for (Learned l = learned.poll(); l != null; l = learned.poll()) {
            reconcile(l);
        }
        String name = h.get("Event-Name");
        if (name == null) {
            stats.invalid();
            return;
        }
        try {
            current = h;
            currentTime = null;
            boolean known = map(name, h, receivedAt, out);
            identity.seen(h.get("Unique-ID"), receivedAt.toEpochMilli());
            if (known) {
                stats.translated();
            }
        } catch (RuntimeException badValue) {
            stats.invalid(); // a needed header is missing or malformed: skip this event, go on
        }
    }

    private void reconcile(Learned snapshot) {
        Set<String> listed = new HashSet<>();
        for (LiveChannel ch : snapshot.channels()) {
            identity.adopt(ch.legId(), ch.callId());
            listed.add(ch.legId());
        }
        for (String gone : identity.forgetMissing(listed, snapshot.requestedAt().toEpochMilli())) {
            legs.remove(gone);
        }
    }

    private boolean map(String name, Map<String, String> h, Instant rx, Consumer<CallEvent> out) {
        String uuid = h.get("Unique-ID");
        switch (name) {
            case "CHANNEL_CREATE" -> {
                requireChannel(uuid);
                String peer = h.get("variable_other_loopback_leg_uuid");
                List<String> merged = identity.place(uuid, peer, h.get("Other-Leg-Unique-ID"),
                        h.get("variable_cc_member_pre_answer_uuid"));
                EventMeta m = meta(h, rx, uuid);
                out.accept(new LegCreated(m, h.get("Channel-Name"), h.get("Caller-Caller-ID-Number"),
                        h.get("Caller-Caller-ID-Name"), h.get("Caller-Context"), h.get("Caller-Destination-Number")));
                for (String other : merged) {
                    out.accept(new LegsLinked(m, other));
                }
                if (peer != null && !merged.contains(peer) && m.callId().equals(identity.callOf(peer))) {
                    out.accept(new LegsLinked(m, peer));
                }
                channelDetails(h, rx, uuid, out);
                agentLegCreated(h, rx, uuid, out);
                consults.created(uuid, h);
            }
            case "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA" -> out.accept(new LegRinging(channelMeta(h, rx, uuid)));
            case "CHANNEL_ANSWER" -> {
                out.accept(new LegAnswered(channelMeta(h, rx, uuid)));
                channelDetails(h, rx, uuid, out);
            }
            case "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE" -> bridge(name.equals("CHANNEL_BRIDGE"), h, rx, uuid, out);
            case "CHANNEL_HOLD" -> out.accept(new LegHeld(channelMeta(h, rx, uuid)));
            case "CHANNEL_UNHOLD" -> out.accept(new LegUnheld(channelMeta(h, rx, uuid)));
            case "CHANNEL_HANGUP" -> out.accept(new LegHangupRequested(channelMeta(h, rx, uuid), numbers.q850(h)));
            case "CHANNEL_HANGUP_COMPLETE" -> {
                EventMeta m = channelMeta(h, rx, uuid);
                channelDetails(h, rx, uuid, out);
                out.accept(new LegHangup(m, numbers.q850(h), h.get("Hangup-Cause")));
            }
            case "CHANNEL_DESTROY" -> {
                identity.destroyed(uuid);
                legs.remove(uuid);
                consults.destroyed(uuid);
                stats.ignored();
                return false;
            }
            case "DTMF" -> out.accept(new Dtmf(channelMeta(h, rx, uuid), h.get("DTMF-Digit"), "Received"));
            case "CUSTOM" -> {
                return custom(h, rx, uuid, out);
            }
            default -> {
                if (IGNORED.contains(name)) {
                    stats.ignored();
                } else {
                    stats.unknown();
                }
                return false;
            }
        }
        return true;
    }

    private void bridge(boolean up, Map<String, String> h, Instant rx, String uuid, Consumer<CallEvent> out) {
        String other = h.get("Other-Leg-Unique-ID");
        EslConsults.Consult done = up ? consults.completedBy(uuid, other) : null;
        if (done != null) {
            String consultChannel = done.consultLeg().equals(uuid) ? h.get("Channel-Name") : h.get("Other-Leg-Channel-Name");
            String transferer = done.agentLeg() != null ? done.agentLeg() : done.partyLeg();
            out.accept(new AttendedTransferred(meta(h, rx, transferer), done.partyLeg(), done.consultLeg(),
                    consultChannel, identity.callOf(done.consultLeg()), true));
        }
        String bridgeId = other == null ? uuid : (uuid.compareTo(other) < 0 ? uuid + "|" + other : other + "|" + uuid);
        EventMeta m = channelMeta(h, rx, uuid);
        if (up) {
            legs.computeIfAbsent(uuid, u -> new LegMemory()).bridged = true;
            if (other != null && identity.callOf(other) != null) {
                legs.computeIfAbsent(other, u -> new LegMemory()).bridged = true;
            }
        }
        out.accept(up ? new LegBridged(m, bridgeId, other == null ? 1 : 2) : new LegUnbridged(m, bridgeId));
        if (other != null && identity.callOf(other) != null) {
            EventMeta o = meta(h, rx, other);
            out.accept(up ? new LegBridged(o, bridgeId, 2) : new LegUnbridged(o, bridgeId));
        }
        channelDetails(h, rx, uuid, out);
    }

    /** Transfers and IVR variables carried by any channel event. */
    private void channelDetails(Map<String, String> h, Instant rx, String uuid, Consumer<CallEvent> out) {
        LegMemory mem = legs.computeIfAbsent(uuid, u -> new LegMemory());
        String history = h.get("variable_transfer_history");
        if (history != null && history.contains(":bl_xfer:")) {
            String[] entries = history.split("\\|");
            int seen = 0;
            for (String entry : entries) {
                int at = entry.indexOf(":bl_xfer:");
                if (at < 0) {
                    continue;
                }
                if (++seen > mem.blindTransfers && mem.bridged) {
                    String[] dest = entry.substring(at + ":bl_xfer:".length()).split("/");
                    out.accept(new BlindTransferred(meta(h, rx, uuid), uuid, dest.length > 1 ? dest[1] : null,
                            dest[0], true));
                }
            }
            mem.blindTransfers = seen;
        }
        for (String var : ivrVariables) {
            String value = h.get("variable_" + var);
            if (value == null) {
                value = h.get("variable_" + var.toLowerCase(Locale.ROOT));
            }
            if (value != null && !value.isEmpty() && !value.equals(mem.ivr.get(var))) {
                mem.ivr.put(var, value);
                out.accept(new IvrData(meta(h, rx, uuid), var, value));
            }
        }
    }

    private boolean custom(Map<String, String> h, Instant rx, String uuid, Consumer<CallEvent> out) {
        String subclass = h.getOrDefault("Event-Subclass", "");
        if (!subclass.equals("callcenter::info")) {
            if (uuid == null) {
                stats.ignored();
                return false;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            h.forEach((k, v) -> {
                if (!k.startsWith("variable_") && !k.startsWith("Event-") && !k.startsWith("Core-")) {
                    fields.put(k, v);
                }
            });
            out.accept(new UserEvent(channelMeta(h, rx, uuid), subclass, fields));
            return true;
        }
        String action = h.getOrDefault("CC-Action", "");
        String session = h.get("CC-Member-Session-UUID");
        String queue = queueName(h.get("CC-Queue"));
        String agent = h.get("CC-Agent");
        switch (action) {
            case "member-queue-start" -> {
                EventMeta m = channelMeta(h, rx, session);
                identity.member(h.get("CC-Member-UUID"), m.callId());
                out.accept(new QueueJoined(m, queue, 0));
                channelDetails(h, rx, session, out); // the member's channel variables: IVR data before any agent rings
            }
            case "agent-offering" -> out.accept(new AgentOffered(channelMeta(h, rx, session), queue, agent, agent, null));
            case "bridge-agent-start" -> {
                EventMeta m = channelMeta(h, rx, session);
                long answered = numbers.epochSeconds(h, "CC-Agent-Answered-Time");
                out.accept(new AgentConnected(m, queue, agent, agent, uuid,
                        EslNumbers.span(numbers.epochSeconds(h, "CC-Member-Joined-Time"), answered),
                        EslNumbers.span(numbers.epochSeconds(h, "CC-Agent-Called-Time"), answered)));
            }
            case "bridge-agent-fail" -> {
                EventMeta m = channelMeta(h, rx, session);
                long called = numbers.epochSeconds(h, "CC-Agent-Called-Time");
                out.accept(new AgentRingNoAnswer(m, queue, agent, agent, null,
                        called < 0 ? 0 : Math.max(0, m.pbxTime().toEpochMilli() - called * 1000L)));
            }
            case "bridge-agent-end" -> {
                EventMeta m = channelMeta(h, rx, session);
                long answered = numbers.epochSeconds(h, "CC-Agent-Answered-Time");
                out.accept(new AgentCompleted(m, queue, agent, agent,
                        EslNumbers.span(numbers.epochSeconds(h, "CC-Member-Joined-Time"), answered),
                        EslNumbers.span(answered, m.pbxTime().getEpochSecond()), h.get("CC-Hangup-Cause")));
            }
            case "member-queue-end" -> {
                EventMeta m = channelMeta(h, rx, session);
                if ("Cancel".equals(h.get("CC-Cause"))) {
                    String reason = h.getOrDefault("CC-Cancel-Reason", "");
                    if (reason.equals("TIMEOUT") || reason.equals("NO_AGENT_TIMEOUT")) {
                        out.accept(new QueueOutcome(m, "TIMEOUT"));
                    }
                    out.accept(new QueueAbandoned(m, queue, 0, 0,
                            EslNumbers.span(numbers.epochSeconds(h, "CC-Member-Joined-Time"),
                                    numbers.epochSeconds(h, "CC-Member-Leaving-Time"))));
                }
                out.accept(new QueueLeft(m, queue));
                identity.memberGone(h.get("CC-Member-UUID"));
            }
            case "agent-status-change", "agent-state-change" -> out.accept(agentChange(h, rx, agent));
            default -> {
                if (IGNORED_CALLCENTER.contains(action)) {
                    stats.ignored();
                } else {
                    stats.unknown();
                }
                return false;
            }
        }
        return true;
    }

    /** Each {@code agent-*-change} event carries only one of status and state. */
    private AgentStateChanged agentChange(Map<String, String> h, Instant rx, String agent) {
        if (agent == null) {
            throw new IllegalArgumentException("agent event without CC-Agent");
        }
        EventMeta m = new EventMeta(nodeId, eventTime(h, rx), rx, null, null);
        String status = h.get("CC-Agent-Status");
        return status != null ? EslAgentStates.status(m, agent, status)
                : EslAgentStates.state(m, agent, h.getOrDefault("CC-Agent-State", ""));
    }

    /**
     * mod_callcenter's call to an agent: the channel it originates carries {@code cc_side=agent}
     * and the member's session. {@code agent-offering} comes before that channel exists, so the
     * ringing agent leg is reported here, as a dial from the member's leg to it (the leg to
     * answer with a phone event). The loopback b-side of a callback contact is not the dialled leg.
     */
    private void agentLegCreated(Map<String, String> h, Instant rx, String uuid, Consumer<CallEvent> out) {
        String session = h.get("variable_cc_member_session_uuid");
        if (session != null && "agent".equals(h.get("variable_cc_side")) && "outbound".equals(h.get("Call-Direction"))) {
            out.accept(new DialStarted(new EventMeta(nodeId, eventTime(h, rx), rx, identity.callOf(uuid), session),
                    uuid, h.get("Channel-Name"), h.get("variable_cc_agent")));
        }
    }

    /** Meta of an event about a channel already placed in a call (or a call of its own if not). */
    private EventMeta channelMeta(Map<String, String> h, Instant rx, String uuid) {
        requireChannel(uuid);
        if (identity.callOf(uuid) == null) {
            identity.placeUnknown(uuid);
        }
        return meta(h, rx, uuid);
    }

    private EventMeta meta(Map<String, String> h, Instant rx, String uuid) {
        return new EventMeta(nodeId, eventTime(h, rx), rx, identity.callOf(uuid), uuid);
    }

    /** The one field no channel event can exist without: the channel. */
    private static void requireChannel(String uuid) {
        if (uuid == null || uuid.isEmpty()) {
            throw new IllegalArgumentException("channel event without Unique-ID");
        }
    }

    /** Event-Date-Timestamp (µs since the epoch); the receive time when absent or unreadable. */
    private Instant eventTime(Map<String, String> h, Instant rx) {
        if (h != current || currentTime == null) {
            currentTime = numbers.micros(h.get("Event-Date-Timestamp"), rx);
            current = h;
        }
        return currentTime;
    }

    /** mod_callcenter names queues {@code name@domain}; the domain is configuration noise here. */
    private static String queueName(String q) {
        if (q == null) {
            return null;
        }
        int at = q.indexOf('@');
        return at > 0 ? q.substring(0, at) : q;
    }

    int trackedLegs() {
        return identity.trackedLegs();
    }

    /** Channels with per-channel memory (transfers, IVR variables); CHANNEL_DESTROY releases each. */
    int rememberedLegs() {
        return legs.size();
    }

    public TranslationStats stats() {
        return stats;
    }
}
