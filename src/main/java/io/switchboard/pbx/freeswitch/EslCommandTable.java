package io.switchboard.pbx.freeswitch;

import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.LegRef;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxCommand.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The translation table: each neutral command becomes the FreeSWITCH 1.10 api commands that do
 * it, one case per command (docs/cti-freeswitch.md explains each choice). Values are checked and
 * quoted by {@link EslArgs}; nothing here talks to the socket.
 */
final class EslCommandTable {

    static final String DEFAULT_CONTEXT = "default";
    /** Hangup of the agent's leg when the waiting party leaves it: park it instead (and back). */
    static final String KEEP_AFTER_BRIDGE = "park_after_bridge=true;hangup_after_bridge=false";
    static final String HANG_UP_AFTER_BRIDGE = "park_after_bridge=false;hangup_after_bridge=true";

    /** What to send for one command, and the reply data known before anything is sent. */
    record Plan(String action, List<EslStep> steps, Map<String, String> data) {
        Plan {
            steps = List.copyOf(steps);
            data = Map.copyOf(data);
        }
    }

    private EslCommandTable() {
    }

    static Plan plan(PbxCommand command) {
        return switch (command) {
            case Originate o -> new Plan(o.action(), List.of(EslStep.of("originate",
                    originateVars(o) + EslArgs.dial(o.from() == null ? null : o.from().dial(), "agent dial string")
                            + " " + EslArgs.word(o.destination(), "destination") + " XML " + context(o.context()))
                    .resultAs("leg")), Map.of());
            case Answer a -> single(a, "uuid_phone_event", leg(a.agentLeg(), "agent leg") + " talk");
            case Hangup h -> single(h, "uuid_kill", leg(h.leg(), "leg"));
            // uuid_hold X holds X's side and plays X's hold music to X's partner: hold the agent's leg
            case Hold h -> single(h, "uuid_hold", (h.on() ? "" : "off ") + leg(h.agentLeg(), "agent leg"));
            // FreeSWITCH hangs up the agent's leg itself once the caller leaves for the new extension
            case BlindTransfer b -> single(b, "uuid_transfer", leg(b.otherLeg(), "other leg") + " "
                    + EslArgs.word(b.destination(), "destination") + " XML " + context(b.context()));
            case AttendedTransferStart s -> attendedStart(s);
            case AttendedTransferComplete c -> attendedEnd(c.action(), c.agentLeg(), c.otherLeg(), c.consultLeg(), true);
            case AttendedTransferCancel c -> attendedEnd(c.action(), c.agentLeg(), c.otherLeg(), c.consultLeg(), false);
            case Spy s -> new Plan(s.action(), List.of(EslStep.of("originate", spy(s)).resultAs("leg")), Map.of());
            // mod_callcenter keeps status per agent, not per queue; tiers (queue membership) are configuration
            case QueueLogin l -> new Plan(l.action(), List.of(
                    status(l.agent(), l.paused() ? "On Break" : "Available"), state(l.agent(), "Waiting")), Map.of());
            case QueueLogout l -> new Plan(l.action(), List.of(status(l.agent(), "Logged Out")), Map.of());
            case QueuePause p -> new Plan(p.action(), List.of(status(p.agent(), p.paused() ? "On Break" : "Available")),
                    Map.of());
            case WrapUpDone w -> new Plan(w.action(), List.of(state(w.agent(), "Waiting")), Map.of());
            // "UP 0 years, ... is ready": status has no +OK, any answer but -ERR shows the node alive
            case Ping p -> new Plan(p.action(), List.of(EslStep.of("status", "").anyAnswer()), Map.of());
            // re-reads freeswitch.xml and its includes; answers +OK [Success]
            case ReloadDialplan r -> new Plan(r.action(), List.of(EslStep.of("reloadxml", "")), Map.of());
        };
    }

    /**
     * The waiting party ({@code C}) hears hold music while the target rings and while the agent
     * ({@code A}) consults: C is kept when A leaves its bridge (park instead of hangup), A is held
     * (FreeSWITCH plays A's hold music to C), the target is rung on a new leg {@code N} that parks
     * when answered, A moves to N, and A is taken off hold (a held leg stays held into a new bridge;
     * C's music goes on). Each step names what undoes it if a later one fails.
     */
    private static Plan attendedStart(AttendedTransferStart s) {
        String a = leg(s.agentLeg(), "agent leg");
        String c = leg(s.otherLeg(), "other leg");
        String dest = EslArgs.word(s.destination(), "destination");
        String n = UUID.randomUUID().toString();
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        vars.put("origination_uuid", n);
        String device = s.agent() == null ? null : s.agent().device();
        if (device != null && !device.isEmpty()) {
            vars.put("origination_caller_id_number", device);
            vars.put("origination_caller_id_name", device);
        }
        vars.put(EslConsults.AGENT_VAR, a);
        vars.put(EslConsults.PARTY_VAR, c);
        String consultChannel = "loopback/" + dest + "-a";
        List<EslStep> steps = List.of(
                EslStep.of("uuid_setvar_multi", c + " " + KEEP_AFTER_BRIDGE)
                        .undoneBy(EslStep.of("uuid_setvar_multi", c + " " + HANG_UP_AFTER_BRIDGE)),
                EslStep.of("uuid_hold", a).undoneBy(EslStep.of("uuid_hold", "off " + a)),
                EslStep.of("originate", block(vars) + "loopback/" + dest + "/" + context(s.context()) + " &park()")
                        .undoneBy(EslStep.of("uuid_kill", n).cleanUp()),
                EslStep.of("uuid_bridge", a + " " + n).undoneBy(EslStep.of("uuid_bridge", a + " " + c)),
                EslStep.of("uuid_hold", "off " + a));
        return new Plan(s.action(), steps, Map.of("consultLeg", n, "consultChannel", consultChannel));
    }

    /**
     * Complete: the waiting party joins the consulted leg, then the agent's leg (which FreeSWITCH
     * hangs up when its partner leaves, unless told to park) is released. Cancel: the agent goes
     * back to the waiting party and the consultation leg is released. Either way the waiting
     * party hangs up again when its new bridge ends. Only the bridge can fail the command.
     */
    private static Plan attendedEnd(String action, LegRef agentLeg, LegRef otherLeg, LegRef consultLeg, boolean complete) {
        String a = leg(agentLeg, "agent leg");
        String c = leg(otherLeg, "other leg");
        String n = leg(consultLeg, "consultation leg");
        return new Plan(action, List.of(
                EslStep.of("uuid_bridge", complete ? c + " " + n : a + " " + c),
                EslStep.of("uuid_setvar_multi", c + " " + HANG_UP_AFTER_BRIDGE).cleanUp(),
                EslStep.of("uuid_kill", complete ? a : n).cleanUp()), Map.of());
    }

    private static String spy(Spy s) {
        String a = leg(s.agentLeg(), "agent leg");
        String dial = EslArgs.dial(s.supervisor() == null ? null : s.supervisor().dial(), "supervisor dial string");
        return switch (s.mode()) {
            case LISTEN -> "{origination_caller_id_name=Listen}" + dial + " &eavesdrop(" + a + ")";
            case WHISPER -> "{origination_caller_id_name=Whisper,eavesdrop_whisper_aleg=true}" + dial + " &eavesdrop(" + a + ")";
            case BARGE -> "{origination_caller_id_name=Barge}" + dial + " &three_way(" + a + ")";
        };
    }

    /** Caller id first, then the command's variables by name (a stable order for the wire). */
    private static String originateVars(Originate o) {
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        if (o.callerIdNumber() != null) {
            vars.put("origination_caller_id_number", o.callerIdNumber());
        }
        if (o.callerIdName() != null) {
            vars.put("origination_caller_id_name", o.callerIdName());
        }
        new TreeMap<>(o.variables()).forEach(vars::putIfAbsent);
        return vars.isEmpty() ? "" : block(vars);
    }

    private static String block(Map<String, String> vars) {
        List<String> pairs = new ArrayList<>(vars.size());
        vars.forEach((k, v) -> pairs.add(EslArgs.varName(k) + "=" + EslArgs.varValue(v, "variable " + k)));
        return "{" + String.join(",", pairs) + "}";
    }

    private static EslStep status(AgentEndpoint agent, String status) {
        return EslStep.of("callcenter_config", "agent set status " + agent(agent) + " '" + status + "'");
    }

    private static EslStep state(AgentEndpoint agent, String state) {
        return EslStep.of("callcenter_config", "agent set state " + agent(agent) + " " + state);
    }

    private static String agent(AgentEndpoint agent) {
        return EslArgs.word(agent == null ? null : agent.memberInterface(), "agent name");
    }

    private static String leg(LegRef leg, String what) {
        return EslArgs.word(leg == null ? null : leg.id(), what);
    }

    private static String context(String context) {
        return context == null || context.isEmpty() ? DEFAULT_CONTEXT : EslArgs.word(context, "context");
    }

    private static Plan single(PbxCommand c, String command, String arg) {
        return new Plan(c.action(), List.of(EslStep.of(command, arg)), Map.of());
    }
}
