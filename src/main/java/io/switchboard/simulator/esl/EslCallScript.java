package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The event list of one generated call: a clock that only moves forward, the common header block
 * every FreeSWITCH event starts with, and the channel life-cycle events in the form of the
 * captures. Event times are exact epoch microseconds; offsets count from the call's start.
 */
final class EslCallScript {

    /** FreeSWITCH's 20 ms timer tick: what happens in one step shares a timestamp. */
    static final long STEP = 20_000;

    /** Where each event is raised in FreeSWITCH 1.10 ({@code Event-Calling-File/Function/Line-Number}). */
    private static final Map<String, String[]> SITES = Map.ofEntries(
            Map.entry("CHANNEL_CREATE", site("switch_core_state_machine.c", "switch_core_session_run", "626")),
            Map.entry("CHANNEL_ANSWER", site("switch_channel.c", "switch_channel_perform_mark_answered", "3846")),
            Map.entry("CHANNEL_PROGRESS", site("switch_channel.c", "switch_channel_perform_mark_ring_ready_value", "3505")),
            Map.entry("CHANNEL_PROGRESS_MEDIA", site("switch_channel.c", "switch_channel_perform_mark_pre_answered", "3560")),
            Map.entry("CHANNEL_BRIDGE", site("switch_ivr_bridge.c", "switch_ivr_multi_threaded_bridge", "1689")),
            Map.entry("CHANNEL_UNBRIDGE", site("switch_ivr_bridge.c", "switch_ivr_multi_threaded_bridge", "1879")),
            Map.entry("CHANNEL_HANGUP", site("switch_channel.c", "switch_channel_perform_hangup", "3445")),
            Map.entry("CHANNEL_HANGUP_COMPLETE", site("switch_core_state_machine.c", "switch_core_session_reporting_state", "943")),
            Map.entry("CHANNEL_DESTROY", site("switch_core_session.c", "switch_core_session_perform_destroy", "1584")),
            Map.entry("CHANNEL_PARK", site("switch_ivr.c", "switch_ivr_park", "1002")),
            Map.entry("CHANNEL_UNPARK", site("switch_ivr.c", "switch_ivr_park", "1213")),
            Map.entry("CALL_UPDATE", site("switch_channel.c", "switch_channel_flip_cid", "3277")),
            Map.entry("PLAYBACK_START", site("switch_ivr_play_say.c", "switch_ivr_play_file", "1646")),
            Map.entry("PLAYBACK_STOP", site("switch_ivr_play_say.c", "switch_ivr_play_file", "2020")),
            // hold is not in the captures: raised by uuid_hold / uuid_hold off; the line numbers are stand-ins
            Map.entry("CHANNEL_HOLD", site("switch_ivr.c", "switch_ivr_hold", "1575")),
            Map.entry("CHANNEL_UNHOLD", site("switch_ivr.c", "switch_ivr_unhold", "1620")),
            Map.entry("CHANNEL_EXECUTE", site("switch_core_session.c", "switch_core_session_exec", "2944")),
            Map.entry("CHANNEL_EXECUTE_COMPLETE", site("switch_core_session.c", "switch_core_session_exec", "2967")),
            Map.entry("CHANNEL_DATA", site("mod_event_socket.c", "parse_command", "2021")));

    /** Per-switch counters, shared by the calls of one generator. */
    static final class Counters {
        long eventSequence = 400;
        long sessionId;
    }

    private final Random rng;
    private final String coreUuid;
    private final Counters counters;
    private final long start;
    private long cursor;
    private final List<TimedEslEvent> events = new ArrayList<>(160);
    /** The legs made by this script that are not destroyed yet, by uuid. */
    private final Map<String, EslLeg> legs = new HashMap<>();

    EslCallScript(Random rng, String coreUuid, Counters counters, long startEpochMicros) {
        this.rng = rng;
        this.coreUuid = coreUuid;
        this.counters = counters;
        this.start = startEpochMicros;
        this.cursor = startEpochMicros;
    }

    private static String[] site(String file, String function, String line) {
        return new String[]{file, function, line};
    }

    Random rng() {
        return rng;
    }

    long now() {
        return cursor;
    }

    /** Moves the clock to {@code micros}; events are written in time order, so it never goes back. */
    void at(long micros) {
        if (micros < cursor) {
            throw new IllegalStateException("clock would go back " + (cursor - micros) + " µs");
        }
        cursor = micros;
    }

    /** Moves the clock on by {@code micros}. */
    void after(long micros) {
        at(cursor + micros);
    }

    /** A version-4 UUID from the seeded source, so a seed gives the same call. */
    String uuid() {
        return uuid(rng);
    }

    static String uuid(Random rng) {
        long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /**
     * A new leg with the variables every channel starts with. {@code outbound} is the originated
     * a-side of a loopback pair, the b-side runs the dialplan.
     */
    EslLeg leg(String name, boolean outbound, String cidName, String cidNumber, String destination, String context) {
        return leg(uuid(), name, outbound, cidName, cidNumber, destination, context);
    }

    /** A new leg with a uuid chosen by the caller ({@code origination_uuid}). */
    EslLeg leg(String uuid, String name, boolean outbound, String cidName, String cidNumber, String destination,
               String context) {
        EslLeg leg = new EslLeg(uuid, name, outbound, cursor, cidName, cidNumber, destination, context);
        legs.put(uuid, leg);
        leg.set("uuid", leg.uuid).set("call_uuid", leg.uuid).set("session_id", Long.toString(++counters.sessionId))
                .set("channel_name", name).set("read_codec", "L16").set("read_rate", "8000")
                .set("write_codec", "L16").set("write_rate", "8000");
        return leg;
    }

    /** Makes {@code a} (outbound) and {@code b} (inbound) a loopback pair. */
    static void loopbackPair(EslLeg a, EslLeg b) {
        a.set("other_loopback_leg_uuid", b.uuid).set("loopback_leg", "A");
        b.set("other_loopback_leg_uuid", a.uuid).set("loopback_leg", "B");
    }

    List<TimedEslEvent> events() {
        return events;
    }

    /** The events written since the last drain, removed from the script (a script played as it is written). */
    List<TimedEslEvent> drain() {
        List<TimedEslEvent> out = new ArrayList<>(events);
        events.clear();
        return out;
    }

    /** A leg of this script that is not destroyed, or null. */
    EslLeg known(String uuid) {
        return uuid == null ? null : legs.get(uuid);
    }

    /** A channel event: common block, {@code pre} headers, the leg's data, {@code tail} headers. */
    void channel(String name, EslLeg leg, Consumer<List<Map.Entry<String, String>>> pre,
                 Consumer<List<Map.Entry<String, String>>> tail) {
        String[] site = SITES.get(name);
        List<Map.Entry<String, String>> h = common(name, null, site[0], site[1], site[2]);
        if (pre != null) {
            pre.accept(h);
        }
        leg.appendChannelData(h);
        if (tail != null) {
            tail.accept(h);
        }
        emit(h);
    }

    void channel(String name, EslLeg leg) {
        channel(name, leg, null, null);
    }

    /** A {@code callcenter::info} event; {@code leg} null for the ones without channel data. */
    void callcenter(String function, String line, EslLeg leg, Consumer<List<Map.Entry<String, String>>> cc) {
        List<Map.Entry<String, String>> h = common("CUSTOM", "callcenter::info", "mod_callcenter.c", function, line);
        if (leg != null) {
            leg.appendChannelData(h);
        }
        cc.accept(h);
        emit(h);
    }

    private List<Map.Entry<String, String>> common(String name, String subclass, String file, String function,
                                                   String line) {
        List<Map.Entry<String, String>> h = new ArrayList<>(180);
        if (subclass != null) {
            EslLeg.add(h, "Event-Subclass", subclass);
        }
        EslLeg.add(h, "Event-Name", name);
        EslLeg.add(h, "Core-UUID", coreUuid);
        EslLeg.add(h, "FreeSWITCH-Hostname", EslEventFactory.HOSTNAME);
        EslLeg.add(h, "FreeSWITCH-Switchname", EslEventFactory.HOSTNAME);
        EslLeg.add(h, "FreeSWITCH-IPv4", "127.0.0.1");
        EslLeg.add(h, "FreeSWITCH-IPv6", "::1");
        EslLeg.add(h, "Event-Date-Local", EslTime.local(cursor));
        EslLeg.add(h, "Event-Date-GMT", EslTime.gmt(cursor));
        EslLeg.add(h, "Event-Date-Timestamp", Long.toString(cursor));
        EslLeg.add(h, "Event-Calling-File", file);
        EslLeg.add(h, "Event-Calling-Function", function);
        EslLeg.add(h, "Event-Calling-Line-Number", line);
        EslLeg.add(h, "Event-Sequence", Long.toString(++counters.eventSequence));
        return h;
    }

    private void emit(List<Map.Entry<String, String>> h) {
        events.add(new TimedEslEvent(cursor - start, new SimEvent(h, null)));
    }

    // --- channel life cycle, states as the captures show them ---

    /** CHANNEL_CREATE of a new leg. */
    void create(EslLeg leg) {
        leg.state("CS_INIT", 2, "DOWN");
        channel("CHANNEL_CREATE", leg);
        if (!leg.outbound) {
            leg.callState = "RINGING"; // the b-side is routed into the dialplan like a ringing inbound call
        }
    }

    /** Early media (CHANNEL_PROGRESS_MEDIA) or ring-ready (CHANNEL_PROGRESS) of a ringing leg. */
    void progress(EslLeg leg, boolean media) {
        if (media) {
            leg.progressMedia = cursor;
            leg.answerState = "early";
            leg.set("endpoint_disposition", "EARLY MEDIA");
        } else {
            leg.progress = cursor;
        }
        leg.state(leg.outbound ? "CS_CONSUME_MEDIA" : "CS_EXECUTE", leg.outbound ? 7 : 4,
                leg.outbound ? "DOWN" : "RINGING");
        channel(media ? "CHANNEL_PROGRESS_MEDIA" : "CHANNEL_PROGRESS", leg);
        leg.callState = leg.progressMedia > 0 ? "EARLY" : leg.callState;
    }

    void answer(EslLeg leg) {
        leg.answered = cursor;
        leg.answerState = "answered";
        leg.state(leg.outbound ? "CS_CONSUME_MEDIA" : "CS_EXECUTE", leg.outbound ? 7 : 4, leg.callState);
        channel("CHANNEL_ANSWER", leg);
        leg.set("endpoint_disposition", "ANSWER");
        leg.callState = "ACTIVE";
    }

    /** Bridges {@code a} to {@code b}; the event is {@code a}'s, naming both ends. */
    void bridge(EslLeg a, EslLeg b, boolean up) {
        if (up) {
            a.bridged = cursor;
            b.bridged = cursor;
            link(a, b, "originatee");
            a.set("bridge_channel", b.name).set("bridge_uuid", b.uuid).set("signal_bond", b.uuid);
        } else {
            a.set("bridge_hangup_cause", "NORMAL_CLEARING");
        }
        channel(up ? "CHANNEL_BRIDGE" : "CHANNEL_UNBRIDGE", a, h -> {
            EslLeg.add(h, "Bridge-A-Unique-ID", a.uuid);
            EslLeg.add(h, "Bridge-B-Unique-ID", b.uuid);
        }, null);
        if (up) {
            a.set("last_bridge_to", b.uuid);
            b.set("last_bridge_to", a.uuid);
        }
    }

    /** Shows {@code other} as {@code leg}'s other leg from now on. */
    static void link(EslLeg leg, EslLeg other, String type) {
        leg.other = other;
        leg.otherType = type;
    }

    void hangup(EslLeg leg, String cause) {
        leg.hangupCause = cause;
        leg.answerState = "hangup";
        leg.stateNumber = 10;
        channel("CHANNEL_HANGUP", leg);
    }

    /** CHANNEL_HANGUP_COMPLETE, carrying the call-detail variables. */
    void hangupComplete(EslLeg leg, String q850, String lastApp, String lastArg) {
        leg.hangupTime = cursor;
        leg.state("CS_REPORTING", 11, "HANGUP");
        EslCdrVariables.apply(leg, q850, lastApp, lastArg);
        // the reporting state names the cause once more ahead of the channel data
        channel("CHANNEL_HANGUP_COMPLETE", leg, h -> EslLeg.add(h, "Hangup-Cause", leg.hangupCause), null);
    }

    void destroy(EslLeg leg) {
        leg.stateNumber = 12;
        leg.destroyed = true;
        channel("CHANNEL_DESTROY", leg);
        legs.remove(leg.uuid);
    }

    /**
     * CHANNEL_EXECUTE: the leg starts running {@code app}, with the application headers after the
     * channel data; returns the Application-UUID, which its CHANNEL_EXECUTE_COMPLETE repeats.
     */
    String execute(EslLeg leg, String app, String data) {
        leg.set("current_application", app);
        if (data != null) {
            leg.set("current_application_data", data);
        }
        String appUuid = uuid();
        channel("CHANNEL_EXECUTE", leg, null, h -> {
            EslLeg.add(h, "Application", app);
            if (data != null) {
                EslLeg.add(h, "Application-Data", data);
            }
            EslLeg.add(h, "Application-UUID", appUuid);
        });
        return appUuid;
    }

    /** CHANNEL_EXECUTE_COMPLETE of an application {@link #execute} started. */
    void executeComplete(EslLeg leg, String app, String data, String response, String appUuid) {
        channel("CHANNEL_EXECUTE_COMPLETE", leg, null, h -> {
            EslLeg.add(h, "Application", app);
            if (data != null) {
                EslLeg.add(h, "Application-Data", data);
            }
            EslLeg.add(h, "Application-Response", response);
            EslLeg.add(h, "Application-UUID", appUuid);
        });
    }

    /**
     * The headers of the reply to an outbound socket's {@code connect}: the common block of a
     * CHANNEL_DATA event and the channel's data, not emitted as an event.
     */
    List<Map.Entry<String, String>> channelData(EslLeg leg) {
        String[] site = SITES.get("CHANNEL_DATA");
        List<Map.Entry<String, String>> h = common("CHANNEL_DATA", null, site[0], site[1], site[2]);
        leg.appendChannelData(h);
        return h;
    }

    /** Music on hold or a prompt on {@code leg}: PLAYBACK_START, or PLAYBACK_STOP after {@code playedMicros}. */
    void playback(EslLeg leg, String file, boolean started, long playedMicros) {
        if (!started) {
            long samples = playedMicros * 8 / 1_000;
            leg.set("playback_last_offset_pos", Long.toString(Math.max(0, samples - 608)))
                    .set("playback_seconds", Long.toString(playedMicros / 1_000_000))
                    .set("playback_ms", Long.toString(playedMicros / 1_000))
                    .set("playback_samples", Long.toString(samples));
        }
        channel(started ? "PLAYBACK_START" : "PLAYBACK_STOP", leg, null, h -> {
            EslLeg.add(h, "Playback-File-Type", file.substring(0, file.indexOf("://")));
            EslLeg.add(h, "Playback-File-Path", file);
            if (!started) {
                EslLeg.add(h, "Playback-Status", "done");
            }
        });
    }
}
