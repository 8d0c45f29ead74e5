package io.switchboard.bus;

import io.switchboard.events.AgentState;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;
import io.switchboard.events.EventMeta;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.pbx.asterisk.CapturedTrace;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.freeswitch.EslTranslator;
import io.switchboard.pbx.freeswitch.FreeSwitchCapture;
import io.switchboard.simulator.TimedFrame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Normalized events as the collectors translate them, from the real captures and generated calls. */
final class BusEvents {

    static final Set<String> IVR = Set.of("INTENT", "CUSTOMER_ID", "LANGUAGE", "CALL_TYPE", "CALLER_TAG", "ROUTE",
            "ROUTE_FALLBACK");

    /** Receive times near now: the lanes close calls idle for hours by the wall clock. */
    static final Instant RECEIVED = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusNanos(123_456_789);

    private BusEvents() {
    }

    static List<CallEvent> asterisk(String node, List<AmiFrame> frames) {
        AmiTranslator translator = new AmiTranslator(node, IVR);
        List<CallEvent> out = new ArrayList<>();
        Instant rx = RECEIVED;
        for (AmiFrame f : frames) {
            rx = rx.plusNanos(1_000_001);
            CallEvent e = translator.translate(f, rx);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    static List<CallEvent> asteriskTimed(String node, List<TimedFrame> frames) {
        return asterisk(node, frames.stream().map(TimedFrame::frame).toList());
    }

    static List<CallEvent> asteriskCapture(String node, String name) {
        return asterisk(node, CapturedTrace.load(name).events());
    }

    static List<CallEvent> freeswitch(String node, List<Map<String, String>> headers) {
        EslTranslator translator = new EslTranslator(node, IVR);
        List<CallEvent> out = new ArrayList<>();
        Instant rx = RECEIVED.plusNanos(1);
        for (Map<String, String> h : headers) {
            rx = rx.plusNanos(1_000_001);
            translator.translate(h, rx, out::add);
        }
        return out;
    }

    static List<CallEvent> freeswitchCapture(String node, String name) {
        return freeswitch(node, FreeSwitchCapture.load(name).events());
    }

    /** The kinds no capture has, with every field set (and the optional ones absent once). */
    static List<CallEvent> handMade(String node) {
        Instant t = Instant.parse("2026-11-24T06:01:02.000001Z");
        EventMeta call = new EventMeta(node, t, t.plusNanos(7), "1700000000.1", "1700000000.2");
        EventMeta none = new EventMeta(node, t, t, null, null);
        return List.of(
                new AttendedTransferred(call, "1700000000.1", "1700000000.9", "Local/2000@x-0001;1", "1700000000.5",
                        true),
                new AttendedTransferred(call, null, null, null, null, false),
                new BlindTransferred(call, "1700000000.1", "transfer-target", "2000", true),
                new UserEvent(call, "Survey", Map.of("Score", "5", "Comment", "fine, thanks")),
                new Dtmf(call, "#", "Received"),
                new LegHeld(call),
                new LegUnheld(call),
                new QueueOutcome(call, "TIMEOUT"),
                new RoutingResult(call, "SUCCESS"),
                new AgentStateChanged(none, "support", "PJSIP/1001", "Ann", AgentState.AVAILABLE, true, "lunch"),
                new AgentStateChanged(none, null, "PJSIP/1001", null, null, null, null));
    }
}
