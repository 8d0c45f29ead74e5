package io.switchboard.pbx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A PBX-neutral call-control or agent command. Each PBX adapter translates it with an explicit
 * table (see docs/cti.md). {@link #values()} lists every text that would be written to the
 * socket, so adapters can refuse control characters before anything is sent.
 */
public sealed interface PbxCommand {

    /** Stable action name, used in audits and metrics. */
    String action();

    /** Every free-text value the command carries (null entries allowed). */
    List<String> values();

    enum SpyMode { LISTEN, WHISPER, BARGE }

    /** Click-to-dial: ring the agent's phone, then dial {@code destination} from it. */
    record Originate(AgentEndpoint from, String destination, String context, String callerIdNumber,
                     String callerIdName, Map<String, String> variables) implements PbxCommand {
        public Originate {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }

        @Override
        public String action() {
            return "originate";
        }

        @Override
        public List<String> values() {
            List<String> v = flat(from, destination, context, callerIdNumber, callerIdName);
            variables.forEach((k, x) -> {
                v.add(k);
                v.add(x);
            });
            return v;
        }
    }

    /** Answer the agent's ringing phone (a phone event: SIP NOTIFY "talk"). */
    record Answer(LegRef agentLeg, AgentEndpoint agent) implements PbxCommand {
        @Override
        public String action() {
            return "answer";
        }

        @Override
        public List<String> values() {
            return flat(agentLeg, agent);
        }
    }

    record Hangup(LegRef leg) implements PbxCommand {
        @Override
        public String action() {
            return "hangup";
        }

        @Override
        public List<String> values() {
            return flat(leg);
        }
    }

    /** Hold ({@code on}) or retrieve the other party of the agent's call. */
    record Hold(LegRef agentLeg, LegRef otherLeg, AgentEndpoint agent, boolean on) implements PbxCommand {
        @Override
        public String action() {
            return on ? "hold" : "unhold";
        }

        @Override
        public List<String> values() {
            return flat(agentLeg, otherLeg, agent);
        }
    }

    /** Send the other party to {@code destination}@{@code context}; the agent's leg drops. */
    record BlindTransfer(LegRef agentLeg, LegRef otherLeg, String destination, String context) implements PbxCommand {
        @Override
        public String action() {
            return "blind-transfer";
        }

        @Override
        public List<String> values() {
            return flat(agentLeg, otherLeg, destination, context);
        }
    }

    /**
     * Consult {@code destination} while the other party waits. The reply's data may name the
     * consultation leg ({@code consultLeg}, {@code consultChannel}) for complete/cancel.
     */
    record AttendedTransferStart(LegRef agentLeg, LegRef otherLeg, AgentEndpoint agent, String destination,
                                 String context) implements PbxCommand {
        @Override
        public String action() {
            return "attended-transfer";
        }

        @Override
        public List<String> values() {
            return flat(agentLeg, otherLeg, agent, destination, context);
        }
    }

    /** Join the waiting party with the consulted one; the agent drops out. */
    record AttendedTransferComplete(LegRef agentLeg, LegRef otherLeg, LegRef consultLeg) implements PbxCommand {
        @Override
        public String action() {
            return "attended-transfer-complete";
        }

        @Override
        public List<String> values() {
            return flat(agentLeg, otherLeg, consultLeg);
        }
    }

    /** Drop the consultation and return the agent to the waiting party. */
    record AttendedTransferCancel(LegRef agentLeg, LegRef otherLeg, LegRef consultLeg) implements PbxCommand {
        @Override
        public String action() {
            return "attended-transfer-cancel";
        }

        @Override
        public List<String> values() {
            return flat(agentLeg, otherLeg, consultLeg);
        }
    }

    /** Ring the supervisor's phone and, on answer, listen to / whisper to / barge into the agent's leg. */
    record Spy(SpyMode mode, AgentEndpoint supervisor, LegRef agentLeg) implements PbxCommand {
        @Override
        public String action() {
            return "spy-" + mode.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public List<String> values() {
            return flat(supervisor, agentLeg);
        }
    }

    /** Log the agent into a queue (Asterisk QueueAdd; mod_callcenter status Available). */
    record QueueLogin(AgentEndpoint agent, String queue, String memberName, boolean paused) implements PbxCommand {
        @Override
        public String action() {
            return "login";
        }

        @Override
        public List<String> values() {
            return flat(agent, queue, memberName);
        }
    }

    /** Log the agent out of a queue (Asterisk QueueRemove; mod_callcenter status Logged Out). */
    record QueueLogout(AgentEndpoint agent, String queue) implements PbxCommand {
        @Override
        public String action() {
            return "logout";
        }

        @Override
        public List<String> values() {
            return flat(agent, queue);
        }
    }

    /** Pause or unpause ({@code queue} null: all the agent's queues). */
    record QueuePause(AgentEndpoint agent, String queue, boolean paused, String reason) implements PbxCommand {
        @Override
        public String action() {
            return paused ? "pause" : "unpause";
        }

        @Override
        public List<String> values() {
            return flat(agent, queue, reason);
        }
    }

    /** The agent finished after-call work: ready for the next call. */
    record WrapUpDone(AgentEndpoint agent) implements PbxCommand {
        @Override
        public String action() {
            return "wrap-up-done";
        }

        @Override
        public List<String> values() {
            return flat(agent);
        }
    }

    /**
     * A heartbeat: AMI {@code Ping}, FreeSWITCH {@code api status}. Any answer means the node's
     * command path works; it carries no value, so nothing can be smuggled onto the wire.
     */
    record Ping() implements PbxCommand {
        @Override
        public String action() {
            return "ping";
        }

        @Override
        public List<String> values() {
            return List.of();
        }
    }

    /**
     * Re-read the dialplan files: Asterisk {@code dialplan reload} (AMI Command), FreeSWITCH
     * {@code reloadxml}. It carries no value: what the files say was written beside them.
     */
    record ReloadDialplan() implements PbxCommand {
        @Override
        public String action() {
            return "reload-dialplan";
        }

        @Override
        public List<String> values() {
            return List.of();
        }
    }

    /** Every text of legs (id, channel), endpoints (all four fields) and plain values, in order. */
    private static List<String> flat(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            switch (p) {
                case null -> out.add(null);
                case LegRef l -> {
                    out.add(l.id());
                    out.add(l.channel());
                }
                case AgentEndpoint e -> {
                    out.add(e.node());
                    out.add(e.memberInterface());
                    out.add(e.dial());
                    out.add(e.device());
                }
                default -> out.add(p.toString());
            }
        }
        return out;
    }

    /** Refuses a command carrying CR, LF or another control character in any value. */
    static void requireSafe(PbxCommand command) {
        for (String v : command.values()) {
            PbxText.requireSafe(v, command.action() + " value");
        }
    }
}
