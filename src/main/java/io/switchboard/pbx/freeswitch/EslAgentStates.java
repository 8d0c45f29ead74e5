package io.switchboard.pbx.freeswitch;

import io.switchboard.events.AgentState;
import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.events.EventMeta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * mod_callcenter agents as {@link AgentStateChanged}: one table for the agent events
 * ({@code agent-status-change}, {@code agent-state-change}) and for the rows of
 * {@code callcenter_config agent list}, so a resync reports exactly what the events would have.
 * mod_callcenter keeps status (logged out, available, on break) and state (waiting, receiving,
 * in a queue call, idle) apart, and per agent rather than per queue: the queue is always null.
 */
final class EslAgentStates {

    private EslAgentStates() {
    }

    /** An {@code agent-status-change}: only the status is known. */
    static AgentStateChanged status(EventMeta m, String agent, String status) {
        return switch (status) {
            case "Logged Out" -> new AgentStateChanged(m, null, agent, agent, AgentState.LOGGED_OUT, false, null);
            case "On Break" -> new AgentStateChanged(m, null, agent, agent, null, true, "On Break");
            default -> new AgentStateChanged(m, null, agent, agent, null, false, null); // Available (On Demand)
        };
    }

    /** An {@code agent-state-change}: only the state is known. */
    static AgentStateChanged state(EventMeta m, String agent, String state) {
        return new AgentStateChanged(m, null, agent, agent, stateOf(state), null, null);
    }

    static AgentState stateOf(String state) {
        return switch (state == null ? "" : state) {
            case "Waiting" -> AgentState.AVAILABLE;
            case "Receiving" -> AgentState.RINGING;
            case "In a queue call" -> AgentState.BUSY;
            case "Idle" -> AgentState.UNAVAILABLE; // takes no calls until set back to Waiting
            default -> AgentState.UNKNOWN;
        };
    }

    /** A row of the agent list carries both: the status' pause, and the state unless logged out. */
    static AgentStateChanged both(EventMeta m, String agent, String status, String state) {
        AgentStateChanged s = status(m, agent, status);
        AgentState st = s.state() == AgentState.LOGGED_OUT ? AgentState.LOGGED_OUT : stateOf(state);
        return new AgentStateChanged(m, null, agent, agent, st, s.paused(), s.reason());
    }

    /**
     * The output of {@code callcenter_config agent list}: a header row naming the
     * {@code |}-separated columns, one row per agent, then {@code +OK}.
     *
     * @throws IllegalStateException when the output is an error or has no name/status/state columns
     */
    static List<AgentStateChanged> parseList(String nodeId, String output, Instant now) {
        String text = output == null ? "" : output.strip();
        if (text.startsWith("-ERR") || text.startsWith("-USAGE")) {
            throw new IllegalStateException("callcenter_config agent list: " + text);
        }
        String[] lines = text.split("\n");
        String[] header = lines[0].strip().split("\\|", -1);
        int name = indexOf(header, "name");
        int status = indexOf(header, "status");
        int state = indexOf(header, "state");
        if (name < 0 || status < 0 || state < 0) {
            throw new IllegalStateException("callcenter_config agent list: no agent table in " + lines[0]);
        }
        EventMeta m = new EventMeta(nodeId, now, now, null, null);
        List<AgentStateChanged> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.equals("+OK")) {
                continue;
            }
            String[] cols = line.split("\\|", -1);
            if (cols.length == header.length && !cols[name].isEmpty()) {
                out.add(both(m, cols[name], cols[status], cols[state]));
            }
        }
        return out;
    }

    private static int indexOf(String[] header, String column) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(column)) {
                return i;
            }
        }
        return -1;
    }
}
