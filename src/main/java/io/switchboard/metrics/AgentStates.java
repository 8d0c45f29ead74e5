package io.switchboard.metrics;

import io.switchboard.events.AgentState;
import io.switchboard.events.CallEvent.AgentStateChanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each agent's current state and the time it spends staffed and busy, split into the 15-minute
 * intervals (for occupancy). Time is credited up to each state change and, for the state an
 * agent is in now, up to each publish. Not thread-safe: the service serializes access.
 */
final class AgentStates {

    private static final class Agent {
        final String name;
        AgentState state = AgentState.UNKNOWN;
        boolean paused;
        String reason;
        Instant since;
        Instant creditedTo;
        final TreeSet<String> queues = new TreeSet<>();

        Agent(String name) {
            this.name = name;
        }
    }

    private final MetricsEngine engine;
    private final Map<String, Agent> agents = new HashMap<>();

    AgentStates(MetricsEngine engine) {
        this.engine = engine;
    }

    void apply(AgentStateChanged e) {
        String name = VisitFact.agentKey(e.agentName(), e.agentInterface());
        if (name == null) {
            return;
        }
        Agent a = agents.computeIfAbsent(name, Agent::new);
        engine.touch(new Dim(Scope.AGENT, name));
        Instant t = e.pbxTime();
        if (a.creditedTo != null && t.isBefore(a.creditedTo)) {
            t = a.creditedTo; // a late report: it takes effect now, time already credited stays
        }
        credit(a, t);
        String before = display(a);
        if (e.queue() != null) {
            if (e.state() == AgentState.LOGGED_OUT) {
                a.queues.remove(e.queue());
            } else {
                a.queues.add(e.queue());
            }
        }
        AgentState next = e.state();
        if (next == AgentState.LOGGED_OUT && e.queue() != null && !a.queues.isEmpty()) {
            next = null; // left one queue, still a member of others
        }
        if (next != null) {
            a.state = next;
        }
        if (e.paused() != null) {
            a.paused = e.paused();
            a.reason = e.paused() ? e.reason() : null;
        }
        if (a.since == null || !before.equals(display(a))) {
            a.since = t;
        }
    }

    /** Queue membership learned from calls offered (mod_callcenter reports agent state without queues). */
    void member(String name, String queue) {
        if (name != null && queue != null) {
            Agent a = agents.computeIfAbsent(name, Agent::new);
            if (a.queues.add(queue)) {
                engine.touch(new Dim(Scope.AGENT, name));
            }
        }
    }

    /** Credits every agent's current state up to {@code now}. */
    void creditAll(Instant now) {
        for (Agent a : agents.values()) {
            credit(a, now);
        }
    }

    private void credit(Agent a, Instant to) {
        Instant from = a.creditedTo;
        a.creditedTo = from == null || to.isAfter(from) ? to : from;
        if (from == null || !to.isAfter(from)) {
            return;
        }
        boolean staffed = staffed(a);
        boolean busy = a.state == AgentState.BUSY || a.state == AgentState.WRAP_UP;
        if (!staffed && !busy) {
            return;
        }
        Dim dim = new Dim(Scope.AGENT, a.name);
        long fromUs = Intervals.toMicros(from);
        long toUs = Intervals.toMicros(to);
        while (fromUs < toUs) {
            long interval = Math.floorDiv(fromUs, Intervals.LENGTH_US) * Intervals.LENGTH_US;
            long end = Math.min(toUs, interval + Intervals.LENGTH_US);
            long ms = end / 1_000 - fromUs / 1_000;
            if (staffed) {
                engine.increment(dim, interval, Counter.STAFFED_MS, ms);
            }
            if (busy) {
                engine.increment(dim, interval, Counter.BUSY_MS, ms);
            }
            fromUs = end;
        }
    }

    /** Ready for or handling calls; a paused agent still on a call counts until the call ends. */
    private static boolean staffed(Agent a) {
        return switch (a.state) {
            case BUSY, WRAP_UP -> true;
            case AVAILABLE, RINGING -> !a.paused;
            default -> false;
        };
    }

    private static String display(Agent a) {
        if (a.state == AgentState.LOGGED_OUT) {
            return "LOGGED_OUT";
        }
        if (a.paused && a.state != AgentState.BUSY && a.state != AgentState.RINGING) {
            return "PAUSED";
        }
        return a.state.name();
    }

    /** Immutable views for publishing. */
    Map<String, AgentLive> live() {
        Map<String, AgentLive> out = new HashMap<>();
        for (Agent a : agents.values()) {
            out.put(a.name, new AgentLive(display(a), a.paused, a.reason, a.since, new ArrayList<>(a.queues)));
        }
        return out;
    }

    List<String> names() {
        return new ArrayList<>(agents.keySet());
    }
}
