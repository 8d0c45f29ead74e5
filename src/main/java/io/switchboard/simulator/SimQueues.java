package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Queue membership as app_queue keeps it, for QueueAdd / QueueRemove / QueuePause / QueueStatus:
 * the same response texts, and the QueueMemberAdded / Removed / Pause / Status events with the
 * member fields of the Asterisk 22 captures. Queues exist from the start (queues.conf); members are
 * dynamic. Thread-safe: actions arrive on client reader threads, calls change member state too.
 */
final class SimQueues {

    /** What an action did: Asterisk's answer, and the events it raised. */
    record Outcome(boolean success, String message, List<AmiFrame> events) {
        static Outcome error(String message) {
            return new Outcome(false, message, List.of());
        }
    }

    private static final class Member {
        final String queue;
        final String iface;
        final String name;
        final String stateInterface;
        final long loginTime = AmiTime.nowMicros() / 1_000_000;
        int callsTaken;
        long lastCall;
        long lastPause;
        int inCall;
        int status = 1; // AST_DEVICE_NOT_INUSE: the phone is registered and idle
        boolean paused;
        String reason = "";

        Member(String queue, String iface, String name, String stateInterface) {
            this.queue = queue;
            this.iface = iface;
            this.name = name;
            this.stateInterface = stateInterface;
        }
    }

    private static final class Queue {
        final Map<String, Member> members = new LinkedHashMap<>();
        final List<Leg> waiting = new ArrayList<>();
        final Map<String, Long> joinedAt = new LinkedHashMap<>();
        int completed;
        int abandoned;
    }

    private final Map<String, Queue> queues = new LinkedHashMap<>();

    SimQueues(String... names) {
        for (String n : names) {
            queues.put(n, new Queue());
        }
    }

    synchronized void define(String queue) {
        queues.putIfAbsent(queue, new Queue());
    }

    synchronized boolean isMember(String queue, String iface) {
        Queue q = queues.get(queue);
        return q != null && q.members.containsKey(iface);
    }

    synchronized String memberName(String queue, String iface) {
        Queue q = queues.get(queue);
        Member m = q == null ? null : q.members.get(iface);
        return m == null ? iface : m.name;
    }

    /** QueueAdd: an empty MemberName becomes the interface, as in app_queue. */
    synchronized Outcome add(AmiFrame action) {
        String queue = action.getOrDefault("Queue", "").trim();
        String iface = action.getOrDefault("Interface", "").trim();
        if (queue.isEmpty()) {
            return Outcome.error("'Queue' not specified.");
        }
        if (iface.isEmpty()) {
            return Outcome.error("'Interface' not specified.");
        }
        Queue q = queues.get(queue);
        if (q == null) {
            return Outcome.error("Unable to add interface to queue: No such queue");
        }
        if (q.members.containsKey(iface)) {
            return Outcome.error("Unable to add interface: Already there");
        }
        String name = action.getOrDefault("MemberName", "").trim();
        String state = action.getOrDefault("StateInterface", "").trim();
        Member m = new Member(queue, iface, name.isEmpty() ? iface : name, state.isEmpty() ? iface : state);
        m.paused = truth(action.get("Paused"));
        if (m.paused) {
            m.lastPause = m.loginTime;
        }
        q.members.put(iface, m);
        return new Outcome(true, "Added interface to queue", List.of(memberEvent("QueueMemberAdded", m)));
    }

    synchronized Outcome remove(AmiFrame action) {
        String queue = action.getOrDefault("Queue", "").trim();
        String iface = action.getOrDefault("Interface", "").trim();
        if (queue.isEmpty() || iface.isEmpty()) {
            return Outcome.error("Need 'Queue' and 'Interface' parameters.");
        }
        Queue q = queues.get(queue);
        if (q == null) {
            return Outcome.error("Unable to remove interface from queue: No such queue");
        }
        Member m = q.members.remove(iface);
        if (m == null) {
            return Outcome.error("Unable to remove interface: Not there");
        }
        return new Outcome(true, "Removed interface from queue", List.of(memberEvent("QueueMemberRemoved", m)));
    }

    /** QueuePause: without Queue the interface is (un)paused in every queue it is a member of. */
    synchronized Outcome pause(AmiFrame action) {
        String iface = action.getOrDefault("Interface", "").trim();
        String pausedValue = action.getOrDefault("Paused", "").trim();
        if (iface.isEmpty() || pausedValue.isEmpty()) {
            return Outcome.error("Need 'Interface' and 'Paused' parameters.");
        }
        boolean paused = truth(pausedValue);
        String queue = action.getOrDefault("Queue", "").trim();
        String reason = action.getOrDefault("Reason", "").trim();
        List<AmiFrame> events = new ArrayList<>();
        for (Map.Entry<String, Queue> e : queues.entrySet()) {
            Member m = e.getValue().members.get(iface);
            if (m == null || (!queue.isEmpty() && !queue.equals(e.getKey()))) {
                continue;
            }
            m.paused = paused;
            m.reason = reason;
            if (paused) {
                m.lastPause = AmiTime.nowMicros() / 1_000_000;
            }
            events.add(memberEvent("QueueMemberPause", m));
        }
        if (events.isEmpty()) {
            return Outcome.error("Interface not found");
        }
        return new Outcome(true, paused ? "Interface paused successfully" : "Interface unpaused successfully", events);
    }

    /** The list items of a QueueStatus answer (QueueParams, QueueMember, QueueEntry), each with the ActionID. */
    synchronized List<AmiFrame> status(String actionId, String queueFilter, String memberFilter) {
        List<AmiFrame> out = new ArrayList<>();
        long nowSeconds = AmiTime.nowMicros() / 1_000_000;
        for (Map.Entry<String, Queue> e : queues.entrySet()) {
            if (queueFilter != null && !queueFilter.isBlank() && !queueFilter.trim().equalsIgnoreCase(e.getKey())) {
                continue;
            }
            Queue q = e.getValue();
            out.add(withId(AmiFrame.builder().add("Event", "QueueParams").add("Queue", e.getKey()).add("Max", "0")
                    .add("Strategy", "rrmemory").add("Calls", Integer.toString(q.waiting.size())).add("Holdtime", "0")
                    .add("TalkTime", "0").add("Completed", Integer.toString(q.completed))
                    .add("Abandoned", Integer.toString(q.abandoned)).add("ServiceLevel", "0")
                    .add("ServicelevelPerf", "0.0").add("ServicelevelPerf2", "0.0").add("Weight", "0"), actionId));
            for (Member m : q.members.values()) {
                if (memberFilter == null || memberFilter.isBlank() || memberFilter.equals(m.iface)
                        || memberFilter.equals(m.name)) {
                    out.add(withId(AmiFrame.builder().add("Event", "QueueMember").add("Queue", m.queue)
                            .add("Name", m.name).add("Location", m.iface).add("StateInterface", m.stateInterface)
                            .add("Membership", "dynamic").add("Penalty", "0")
                            .add("CallsTaken", Integer.toString(m.callsTaken)).add("LastCall", Long.toString(m.lastCall))
                            .add("LastPause", Long.toString(m.lastPause)).add("LoginTime", Long.toString(m.loginTime))
                            .add("InCall", Integer.toString(m.inCall)).add("Status", Integer.toString(m.status))
                            .add("Paused", m.paused ? "1" : "0").add("PausedReason", m.reason)
                            .add("Wrapuptime", "0"), actionId));
                }
            }
            int position = 1;
            for (Leg caller : q.waiting) {
                long joined = q.joinedAt.getOrDefault(caller.uniqueid, nowSeconds);
                out.add(withId(AmiFrame.builder().add("Event", "QueueEntry").add("Queue", e.getKey())
                        .add("Position", Integer.toString(position++)).add("Channel", caller.name)
                        .add("Uniqueid", caller.uniqueid).add("CallerIDNum", caller.cidNum)
                        .add("CallerIDName", caller.cidName).add("ConnectedLineNum", caller.connNum)
                        .add("ConnectedLineName", caller.connName).add("Wait", Long.toString(nowSeconds - joined)),
                        actionId));
            }
        }
        return out;
    }

    /** A caller entered the queue; returns its position. */
    synchronized int join(String queue, Leg caller) {
        Queue q = queues.computeIfAbsent(queue, k -> new Queue());
        q.waiting.add(caller);
        q.joinedAt.put(caller.uniqueid, AmiTime.nowMicros() / 1_000_000);
        return q.waiting.size();
    }

    /** A caller left the queue, answered ({@code abandoned} false) or not. */
    synchronized void leave(String queue, Leg caller, boolean abandoned) {
        Queue q = queues.get(queue);
        if (q != null && q.waiting.remove(caller)) {
            q.joinedAt.remove(caller.uniqueid);
            if (abandoned) {
                q.abandoned++;
            }
        }
    }

    /**
     * The member's phone changed state (device state {@code status}, {@code inCall}); as in Asterisk a
     * QueueMemberStatus follows for each queue the interface is a member of. {@code completedIn}
     * names the queue whose call just ended (CallsTaken, LastCall), or null.
     */
    synchronized List<AmiFrame> deviceState(String iface, int status, boolean inCall, String completedIn) {
        List<AmiFrame> out = new ArrayList<>();
        for (Map.Entry<String, Queue> e : queues.entrySet()) {
            Member m = e.getValue().members.get(iface);
            if (m == null) {
                continue;
            }
            m.status = status;
            m.inCall = inCall ? 1 : 0;
            if (e.getKey().equals(completedIn)) {
                m.callsTaken++;
                m.lastCall = AmiTime.nowMicros() / 1_000_000;
                e.getValue().completed++;
            }
            out.add(memberEvent("QueueMemberStatus", m));
        }
        return out;
    }

    /** QueueMemberAdded / Removed / Pause / Status share the member fields (see the captures). */
    private static AmiFrame memberEvent(String event, Member m) {
        return AmiFrame.builder().add("Event", event).add("Privilege", "agent,all")
                .add("Timestamp", AmiTime.format(AmiTime.nowMicros()))
                .add("Queue", m.queue).add("MemberName", m.name).add("Interface", m.iface)
                .add("StateInterface", m.stateInterface).add("Membership", "dynamic").add("Penalty", "0")
                .add("CallsTaken", Integer.toString(m.callsTaken)).add("LastCall", Long.toString(m.lastCall))
                .add("LastPause", Long.toString(m.lastPause)).add("LoginTime", Long.toString(m.loginTime))
                .add("InCall", Integer.toString(m.inCall)).add("Status", Integer.toString(m.status))
                .add("Paused", m.paused ? "1" : "0").add("PausedReason", m.reason)
                .add("Ringinuse", "0").add("Wrapuptime", "0").build();
    }

    private static AmiFrame withId(AmiFrame.Builder b, String actionId) {
        if (actionId != null) {
            b.add("ActionID", actionId);
        }
        return b.build();
    }

    /** Asterisk's ast_true. */
    static boolean truth(String v) {
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "t", "1", "on" -> true;
            default -> false;
        };
    }
}
