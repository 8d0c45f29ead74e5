package io.switchboard.simulator.esl;

import io.switchboard.simulator.ScenarioSpec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The channel api commands of the simulated switch acting on the calls it runs itself:
 * interactive queue calls ({@link #offer}) and originated channels. Replies are FreeSWITCH
 * 1.10's ({@code mod_commands}); what each command does to the channels is {@link EslLiveLegs}'.
 * Commands for channels the switch does not run itself (a played capture's) return null, and
 * the caller answers from its channel table. One lock: commands come from every client
 * connection and from the bgapi thread.
 */
final class EslLive {

    private static final long STEP = EslCallScript.STEP;
    static final String NO_SUCH_CHANNEL = "-ERR No Such Channel!\n";

    private final EslLiveLegs legs;
    /** The queue call each channel belongs to. */
    private final Map<String, EslOfferedCall> calls = new HashMap<>();

    EslLive(Consumer<SimEvent> out, EslCallcenter callcenter, Supplier<String> coreUuid) {
        this.legs = new EslLiveLegs(out, callcenter::observed, coreUuid);
        legs.onBridgeEnd(this::bridgeEnded);
    }

    synchronized void clear() {
        legs.clear();
        calls.clear();
    }

    synchronized boolean has(String uuid) {
        return legs.live(uuid) != null;
    }

    /**
     * The caller arrives and joins {@code queue} (its channel variables set before it queues, as
     * an IVR sets them), mod_callcenter offers it to {@code agent} and the agent's phone rings.
     */
    synchronized EslOfferedCall offer(String queue, String callerNumber, String callerName, String agentName,
                                      Map<String, String> channelVariables) {
        EslAgent agent = EslAgent.named(agentName);
        calls.values().removeIf(c -> c.state == EslOfferedCall.State.DONE && !has(c.memberLeg()));
        EslCallScript s = legs.now();
        ScenarioSpec spec = new ScenarioSpec(callerNumber, callerName, queue, channelVariables, List.of(),
                Integer.parseInt(agent.name()) - 1000, 0, 0, 100, 0, ScenarioSpec.Outcome.ANSWER, null);
        EslQueueCall q = new EslQueueCall(spec, s, s.now());
        q.arrives(false);
        legs.sync();
        s.after(STEP); // mod_callcenter's dispatch thread finds the agent
        EslAgentCall a = new EslAgentCall(s, q.member, agent, spec.ivrVars());
        a.offer(true);
        legs.sync();
        EslOfferedCall c = new EslOfferedCall(this, q, a);
        for (EslLeg l : new EslLeg[]{q.caller, q.session, a.contactA, a.contactB, a.phoneA, a.phoneB}) {
            calls.put(l.uuid, c);
        }
        return c;
    }

    /** The agent's phone answers: mod_callcenter reports the agent and bridges the member to it. */
    synchronized boolean answer(EslOfferedCall c) {
        if (c.state != EslOfferedCall.State.RINGING) {
            return false;
        }
        EslCallScript s = legs.now();
        c.queue.connect(c.agent, s.now() + STEP);
        c.state = EslOfferedCall.State.CONNECTED;
        legs.sync();
        return true;
    }

    /** The member's bridge to its agent ended: mod_callcenter reports the agent's call over. */
    private void bridgeEnded(String a, String b) {
        EslOfferedCall c = calls.get(a);
        if (c != null && c.state == EslOfferedCall.State.CONNECTED
                && (a.equals(c.memberLeg()) && b.equals(c.agentPhoneLeg()) || a.equals(c.agentPhoneLeg()) && b.equals(c.memberLeg()))) {
            c.state = EslOfferedCall.State.DONE;
            c.agent.agentDone();
            legs.sync();
        }
    }

    /** {@code uuid_phone_event <uuid> [event]}: {@code talk} on a ringing agent leg answers it. */
    synchronized String phoneEvent(String args) {
        List<String> a = EslOriginateArgs.split(args);
        if (a.isEmpty()) {
            return "-USAGE: <uuid>\n";
        }
        legs.now();
        if (legs.live(a.get(0)) == null) {
            return "-ERR Operation Failed\n";
        }
        EslOfferedCall c = calls.get(a.get(0));
        if (a.size() > 1 && a.get(1).equals("talk") && c != null
                && (a.get(0).equals(c.agentLeg()) || a.get(0).equals(c.agentPhoneLeg()))) {
            answer(c);
        }
        return "+OK Success\n";
    }

    /** {@code uuid_hold [off] <uuid>}: FreeSWITCH answers {@code +OK Success} for an unknown uuid too. */
    synchronized String hold(String args) {
        List<String> a = EslOriginateArgs.split(args);
        if (a.isEmpty()) {
            return "-USAGE: [off] <uuid> [<display>]\n";
        }
        boolean off = a.get(0).equalsIgnoreCase("off");
        String uuid = off ? (a.size() > 1 ? a.get(1) : null) : a.get(0);
        legs.now();
        EslLeg x = legs.live(uuid);
        if (x != null) {
            legs.hold(x, !off);
        }
        return "+OK Success\n";
    }

    /** {@code uuid_kill <uuid> [cause]}; null when the switch does not run that channel itself. */
    synchronized String kill(String args) {
        List<String> a = EslOriginateArgs.split(args);
        if (a.isEmpty()) {
            return "-USAGE: <uuid> [cause]\n";
        }
        String uuid = a.get(0);
        String cause = a.size() > 1 ? a.get(1) : "NORMAL_CLEARING";
        legs.now();
        if (legs.live(uuid) == null) {
            return null;
        }
        EslOfferedCall c = calls.get(uuid);
        if (c != null && c.state == EslOfferedCall.State.RINGING) {
            ringingCallEnds(c, uuid, cause);
        } else {
            legs.hangup(uuid, cause);
            if (c != null && c.state == EslOfferedCall.State.WAITING
                    && (uuid.equals(c.callId()) || uuid.equals(c.memberLeg()))) {
                c.queue.member.queueEndCancel("BREAK_OUT");
                c.state = EslOfferedCall.State.DONE;
                legs.sync();
            }
        }
        return "+OK\n";
    }

    /**
     * A kill while the agent's phone rings: the agent's side ends the offer (reported as the
     * module reports an unanswered offer) and the caller waits on; the caller's side abandons.
     */
    private void ringingCallEnds(EslOfferedCall c, String uuid, String cause) {
        boolean agentSide = uuid.equals(c.agentLeg()) || uuid.equals(c.agent.contactB.uuid)
                || uuid.equals(c.agentPhoneLeg()) || uuid.equals(c.agent.phoneB.uuid);
        if (!agentSide) {
            legs.hangup(uuid, cause);
        }
        c.agent.noAnswer();
        legs.sync();
        if (agentSide) {
            c.state = EslOfferedCall.State.WAITING;
        } else {
            c.queue.member.queueEndCancel("BREAK_OUT");
            c.state = EslOfferedCall.State.DONE;
            legs.sync();
        }
    }

    /** {@code uuid_transfer <uuid> <dest> [<dialplan>] [<context>]}; null for a channel not run here. */
    synchronized String transfer(String args) {
        List<String> a = EslOriginateArgs.split(args);
        if (a.size() < 2 || a.size() > 4 || a.get(1).startsWith("-")) {
            return a.size() < 2 ? "-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n" : null;
        }
        legs.now();
        EslLeg x = legs.live(a.get(0));
        if (x == null) {
            return null;
        }
        legs.transfer(x, a.get(1), a.size() > 2 ? a.get(2) : "XML", a.size() > 3 ? a.get(3) : x.context);
        return "+OK\n";
    }

    /** {@code uuid_bridge <uuid> <other_uuid>}. */
    synchronized String bridge(String args) {
        List<String> a = EslOriginateArgs.split(args);
        if (a.size() < 2) {
            return "-USAGE: <uuid> <other_uuid>\n";
        }
        legs.now();
        EslLeg x = legs.live(a.get(0));
        EslLeg y = legs.live(a.get(1));
        if (x == null || y == null || x == y) {
            return "-ERR Invalid uuid\n";
        }
        legs.bridge(x, y);
        return "+OK " + y.uuid + "\n";
    }

    /** {@code uuid_setvar <uuid> <var> [value]} and {@code uuid_setvar_multi <uuid> <var>=<value>;...}. */
    synchronized String setVars(String args, boolean multi) {
        String t = args.strip();
        int space = t.indexOf(' ');
        if (space < 0) {
            return multi ? "-USAGE: <uuid> <var>=<value>;<var>=<value>...\n" : "-USAGE: <uuid> <var> [value]\n";
        }
        EslLeg x = legs.live(t.substring(0, space));
        if (x == null) {
            return "-ERR No such channel!\n";
        }
        Map<String, String> vars = new LinkedHashMap<>();
        String rest = t.substring(space + 1).strip();
        if (multi) {
            for (String pair : rest.split(";")) {
                int eq = pair.indexOf('=');
                vars.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        } else {
            int sp = rest.indexOf(' ');
            vars.put(sp < 0 ? rest : rest.substring(0, sp), sp < 0 ? "" : rest.substring(sp + 1));
        }
        vars.forEach((k, v) -> {
            if (v.isEmpty()) {
                x.unset(k);
            } else {
                x.set(k, v);
            }
        });
        return "+OK\n";
    }

    /** {@code originate}: the new channel(s) and their events; see {@link EslOriginate}. */
    synchronized String originate(EslOriginateArgs o, String uuid) {
        return new EslOriginate(legs).originate(o, uuid);
    }
}
