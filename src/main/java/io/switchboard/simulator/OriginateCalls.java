package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.ScenarioSpec.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The calls the simulator places for {@code Originate}: into {@code Local/s@inbound} a full queue
 * call answered by an agent (as the lab dialplan does); a phone sent to a number dials it out of the
 * trunk (click-to-dial); anything else is an answered channel that runs the requested extension
 * (e.g. {@code s@alert-call}) or application and hangs up after {@link #GENERIC_CALL_MICROS}.
 */
final class OriginateCalls {

    static final long GENERIC_CALL_MICROS = 30_000_000;

    /** What a phone sent to an extension dials out; a named place ({@code s@alert-call}) runs there instead. */
    private static final java.util.regex.Pattern DIALLED_NUMBER = java.util.regex.Pattern.compile("[+*#0-9]+");

    private final Random rng;
    private final ScenarioGenerator generator;

    OriginateCalls(long seed) {
        this.rng = new Random(seed);
        this.generator = new ScenarioGenerator(seed);
    }

    synchronized List<TimedFrame> frames(AmiFrame action) {
        OriginateRequest req = OriginateRequest.of(action);
        long now = AmiTime.nowMicros();
        if (req.channel().matches("(?i)Local/[^@/]+@inbound(/n)?")) {
            String num = req.callerNum().isEmpty() ? Leg.UNKNOWN : req.callerNum();
            String name = req.callerName().isEmpty() ? Leg.UNKNOWN : req.callerName();
            ScenarioSpec spec = new ScenarioSpec(num, name, "support", Map.of(), List.of(), 1 + rng.nextInt(3),
                    2_000 + rng.nextInt(8_000), 1_000, 5_000 + rng.nextInt(15_000), 0, Outcome.ANSWER, null);
            return generator.generate(spec, now, req).frames();
        }
        return generic(req, now);
    }

    private List<TimedFrame> generic(OriginateRequest req, long now) {
        CallScript s = new CallScript(rng, now);
        String channel = req.channel().replaceFirst("/n$", "");
        String context = req.context() == null ? "default" : req.context();
        String exten = req.exten() == null ? "s" : req.exten();
        Leg first;
        Leg second = null;
        if (channel.regionMatches(true, 0, "Local/", 0, 6)) {
            int at = channel.indexOf('@');
            String localExten = at > 6 ? channel.substring(6, at) : "s";
            String localContext = at > 0 ? channel.substring(at + 1) : "default";
            Leg[] pair = Leg.localPair(channel, Ids.localSuffix(), null, now, localContext, localExten);
            first = pair[0];
            second = pair[1];
        } else {
            String id = Ids.uniqueid(now);
            first = new Leg(channel + "-" + Ids.localSuffix(), id, id, Leg.DOWN, context, exten);
        }
        s.newchannel(first);
        if (second != null) {
            s.newchannel(second);
        }
        for (Leg leg : second == null ? new Leg[] {first} : new Leg[] {first, second}) {
            req.variables().forEach((k, v) -> s.varSet(leg, k, v));
            if (!req.callerNum().isEmpty()) {
                s.newCallerid(leg, req.callerNum(), req.callerName().isEmpty() ? Leg.UNKNOWN : req.callerName());
            }
        }
        if (second != null) {
            s.localBridge(first, second, false);
        }
        s.newstate(first, Leg.RINGING);
        s.at(1_000_000 + rng.nextInt(500_000));
        if (second != null) {
            s.newstate(second, Leg.UP);
        }
        s.newstate(first, Leg.UP);
        s.cel("ANSWER", first, "", "");
        req.response(s, first);
        if (!req.usesApplication() && second == null && DIALLED_NUMBER.matcher(exten).matches()) {
            return dialOut(s, first, context, exten, parsePriority(req.priority()));
        }
        if (!req.usesApplication()) {
            int priority = parsePriority(req.priority());
            s.newexten(first, context, exten, priority, "NoOp", "");
        }
        s.at(s.cursor() + GENERIC_CALL_MICROS);
        s.hangupRequest(first, 16);
        s.hangup(first, 16, "ANSWER");
        if (second != null) {
            s.hangup(second, 16, "");
        }
        return s.frames();
    }

    /**
     * Click-to-dial: the originated phone answered and runs {@code exten}@{@code context}, whose dialplan
     * dials the number out of the trunk; the far end answers, talks and hangs up.
     */
    private List<TimedFrame> dialOut(CallScript s, Leg phone, String context, String exten, int priority) {
        s.newexten(phone, context, exten, priority, "Dial", "PJSIP/" + exten + "@trunk,60");
        Leg far = new Leg("PJSIP/trunk-" + Ids.localSuffix(), Ids.uniqueid(s.baseMicros() + s.cursor()),
                phone.linkedid, Leg.DOWN, context, exten);
        s.newchannel(far);
        far.connected(phone.cidNum, phone.cidName);
        s.newConnectedLine(far, phone.cidNum, phone.cidName);
        s.dialBegin(phone, far, exten + "@trunk");
        s.newstate(far, Leg.RINGING);
        s.dialState(phone, far, "RINGING");
        s.at(s.cursor() + 2_000_000 + rng.nextInt(3_000_000));
        s.newstate(far, Leg.UP);
        s.cel("ANSWER", far, "", "");
        s.dialEnd(phone, far, "ANSWER");
        SimBridge bridge = new SimBridge();
        s.bridgeCreate(bridge);
        s.bridgeEnter(bridge, far, null); // app_dial imparts the callee, then the caller joins
        s.bridgeEnter(bridge, phone, far);
        s.at(s.cursor() + GENERIC_CALL_MICROS);
        s.hangupRequest(far, 16);
        s.bridgeLeave(bridge, far);
        s.bridgeLeave(bridge, phone);
        s.bridgeDestroy(bridge);
        s.hangup(far, 16, "");
        s.softHangupRequest(phone, 16);
        s.hangup(phone, 16, "ANSWER");
        return s.frames();
    }

    private static int parsePriority(String priority) {
        try {
            return Integer.parseInt(priority.trim());
        } catch (NumberFormatException e) {
            return 1; // a label; the simulator has no dialplan to resolve it
        }
    }
}
