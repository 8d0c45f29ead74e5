package io.switchboard.simulator.esl;

import java.util.List;
import java.util.Map;

/**
 * The caller as a mod_callcenter queue member and the {@code callcenter::info} events about it,
 * with the headers (and their order) of mod_callcenter 1.10 as captured. Agents are named like the
 * module's agents ({@code 1001}); times in {@code CC-*} headers are epoch seconds.
 */
final class EslMember {

    private static final String FN_QUEUE = "callcenter_function";
    private static final String FN_AGENT = "outbound_agent_thread_run";

    private final EslCallScript s;
    final String queue;
    final String memberUuid;
    /** The channel running the {@code callcenter} application (the loopback b-leg of the caller). */
    final EslLeg session;
    long joined;

    EslMember(EslCallScript script, String queue, EslLeg session) {
        this.s = script;
        this.queue = queue;
        this.memberUuid = script.uuid();
        this.session = session;
    }

    static long seconds(long micros) {
        return micros / 1_000_000;
    }

    /** The caller joins the queue now. */
    void queueStart() {
        joined = s.now();
        session.set("current_application_data", queue).set("current_application", "callcenter")
                .set("cc_side", "member").set("cc_member_uuid", memberUuid)
                .set("cc_queue_joined_epoch", Long.toString(seconds(joined))).set("cc_queue", queue);
        s.callcenter(FN_QUEUE, "3113", session, h -> {
            queueAction(h, "member-queue-start");
            EslLeg.add(h, "CC-Member-UUID", memberUuid);
            memberTail(h);
        });
        membersCount(1);
    }

    void membersCount(int waiting) {
        s.callcenter("cc_queue_count", "878", null, h -> {
            queueAction(h, "members-count");
            EslLeg.add(h, "CC-Count", Integer.toString(waiting));
            EslLeg.add(h, "CC-Selection", "Single-Queue");
        });
    }

    /** {@code Receiving}, {@code In a queue call}, {@code Waiting}: the agent's state as the module changes it. */
    void agentState(String agent, String state) {
        s.callcenter("cc_agent_update", "1067", null, h -> {
            EslLeg.add(h, "CC-Agent", agent);
            EslLeg.add(h, "CC-Action", "agent-state-change");
            EslLeg.add(h, "CC-Agent-State", state);
        });
    }

    void offering(String agent) {
        s.callcenter(FN_AGENT, "1717", null, h -> {
            queueAction(h, "agent-offering");
            EslLeg.add(h, "CC-Agent", agent);
            EslLeg.add(h, "CC-Agent-Type", "callback");
            EslLeg.add(h, "CC-Agent-System", "single_box");
            EslLeg.add(h, "CC-Member-UUID", memberUuid);
            memberTail(h);
        });
    }

    /** The agent's channel answered and is being bridged to the caller. */
    void bridgeStart(String agent, EslLeg agentLeg, long called) {
        s.callcenter(FN_AGENT, "1934", agentLeg, h -> {
            queueAction(h, "bridge-agent-start");
            agentHeaders(h, agent, agentLeg, called, s.now());
            EslLeg.add(h, "CC-Member-Joined-Time", Long.toString(seconds(joined)));
            EslLeg.add(h, "CC-Member-UUID", memberUuid);
            memberTail(h);
        });
    }

    /** The agent did not answer; {@code cause} is the originate's hangup cause. */
    void bridgeFail(String agent, long called, String cause) {
        s.callcenter(FN_AGENT, "2200", null, h -> {
            queueAction(h, "bridge-agent-fail");
            EslLeg.add(h, "CC-Hangup-Cause", cause);
            EslLeg.add(h, "CC-Agent", agent);
            EslLeg.add(h, "CC-Agent-System", "single_box");
            EslLeg.add(h, "CC-Agent-Called-Time", Long.toString(seconds(called)));
            EslLeg.add(h, "CC-Agent-Aborted-Time", Long.toString(seconds(s.now())));
            EslLeg.add(h, "CC-Member-UUID", memberUuid);
            memberTail(h);
            EslLeg.add(h, "CC-Member-Joined-Time", Long.toString(seconds(joined)));
        });
    }

    /** The agent's conversation with the caller is over. */
    void bridgeEnd(String agent, EslLeg agentLeg, long called, long answered) {
        s.callcenter(FN_AGENT, "2062", agentLeg, h -> {
            queueAction(h, "bridge-agent-end");
            EslLeg.add(h, "CC-Hangup-Cause", "SUCCESS");
            EslLeg.add(h, "CC-Agent", agent);
            EslLeg.add(h, "CC-Agent-System", "single_box");
            EslLeg.add(h, "CC-Agent-UUID", agentLeg.uuid);
            EslLeg.add(h, "CC-Agent-Bridged", "true");
            EslLeg.add(h, "CC-Agent-Called-Time", Long.toString(seconds(called)));
            EslLeg.add(h, "CC-Agent-Answered-Time", Long.toString(seconds(answered)));
            EslLeg.add(h, "CC-Member-Joined-Time", Long.toString(seconds(joined)));
            EslLeg.add(h, "CC-Bridge-Terminated-Time", Long.toString(seconds(s.now())));
            EslLeg.add(h, "CC-Member-UUID", memberUuid);
            memberTail(h);
        });
    }

    /** The member leaves the queue after an agent's call ({@code CC-Cause: Terminated}). */
    void queueEndTerminated(String agent, EslLeg agentLeg, long called, long answered) {
        session.set("cc_queue_terminated_epoch", Long.toString(seconds(s.now())));
        s.callcenter(FN_AGENT, "2098", session, h -> {
            queueAction(h, "member-queue-end");
            EslLeg.add(h, "CC-Hangup-Cause", "SUCCESS");
            EslLeg.add(h, "CC-Cause", "Terminated");
            agentHeaders(h, agent, agentLeg, called, answered);
            EslLeg.add(h, "CC-Member-Leaving-Time", Long.toString(seconds(s.now())));
            EslLeg.add(h, "CC-Member-Joined-Time", Long.toString(seconds(joined)));
            EslLeg.add(h, "CC-Member-UUID", memberUuid);
            memberTail(h);
        });
    }

    /**
     * The member leaves the queue unanswered ({@code CC-Cause: Cancel}): {@code BREAK_OUT} when the
     * caller hung up, {@code TIMEOUT} when the queue's {@code max-wait-time} ran out.
     */
    void queueEndCancel(String reason) {
        s.callcenter(FN_QUEUE, "3274", session, h -> {
            queueAction(h, "member-queue-end");
            EslLeg.add(h, "CC-Member-Leaving-Time", Long.toString(seconds(s.now())));
            EslLeg.add(h, "CC-Member-Joined-Time", Long.toString(seconds(joined)));
            EslLeg.add(h, "CC-Cause", "Cancel");
            EslLeg.add(h, "CC-Cancel-Reason", reason);
            EslLeg.add(h, "CC-Member-UUID", memberUuid);
            memberTail(h);
        });
        session.set("cc_queue_canceled_epoch", Long.toString(seconds(s.now()))).set("cc_cause", "cancel")
                .set("cc_cancel_reason", reason);
    }

    private void queueAction(List<Map.Entry<String, String>> h, String action) {
        EslLeg.add(h, "CC-Queue", queue);
        EslLeg.add(h, "CC-Action", action);
    }

    private static void agentHeaders(List<Map.Entry<String, String>> h, String agent, EslLeg agentLeg, long called,
                                     long answered) {
        EslLeg.add(h, "CC-Agent", agent);
        EslLeg.add(h, "CC-Agent-System", "single_box");
        EslLeg.add(h, "CC-Agent-UUID", agentLeg.uuid);
        EslLeg.add(h, "CC-Agent-Called-Time", Long.toString(seconds(called)));
        EslLeg.add(h, "CC-Agent-Answered-Time", Long.toString(seconds(answered)));
    }

    private void memberTail(List<Map.Entry<String, String>> h) {
        EslLeg.add(h, "CC-Member-Session-UUID", session.uuid);
        EslLeg.add(h, "CC-Member-CID-Name", session.cidName);
        EslLeg.add(h, "CC-Member-CID-Number", session.cidNumber);
    }
}
