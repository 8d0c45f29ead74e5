package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code callcenter_config} api of mod_callcenter, enough for a collector that reads agent
 * and tier tables: the agents and tier of the capture's configuration, status and state settable.
 * Output formats are those the real module printed in the capture. A change made with
 * {@code agent set status|state} is announced like the module does ({@code agent-status-change},
 * {@code agent-state-change}); changes the simulated calls make are {@link #observed}.
 */
final class EslCallcenter {

    /** Receives each status or state set by a command, to raise the module's event. */
    interface Changes {
        void changed(String agent, String action, String header, String value);
    }

    private static final java.util.Set<String> STATUSES = java.util.Set.of("Logged Out", "Available",
            "Available (On Demand)", "On Break");
    private static final java.util.Set<String> STATES = java.util.Set.of("Idle", "Waiting", "Receiving",
            "In a queue call");

    private static final String AGENT_HEADER = "name|instance_id|uuid|type|contact|status|state|max_no_answer|"
            + "wrap_up_time|reject_delay_time|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|"
            + "last_offered_call|last_status_change|no_answer_count|calls_answered|talk_time|ready_time|"
            + "external_calls_count";
    private static final String TIER_HEADER = "queue|agent|state|level|position";
    private static final String MEMBER_HEADER = "queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|"
            + "joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|"
            + "serving_system|state|score";
    private static final int STATUS = 5;
    private static final int STATE = 6;
    private static final int LAST_STATUS_CHANGE = 15;
    // `set status 1001 'On Break'`: words or one quoted value
    private static final Pattern ARGS = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)");

    private final List<String[]> agents = new ArrayList<>();
    private volatile Changes changes = (agent, action, header, value) -> { };

    EslCallcenter() {
        long now = EslTime.nowMicros() / 1_000_000L;
        agents.add(agent("1001", "[leg_timeout=10]loopback/agent-talk-4000/cc_agents", "3", now));
        agents.add(agent("1002", "[leg_timeout=10]loopback/agent-talk-5000/cc_agents", "3", now));
        agents.add(agent("1003", "[leg_timeout=10]loopback/agent-talk-6000/cc_agents", "3", now));
        agents.add(agent("1004", "[leg_timeout=6]loopback/agent-noanswer/cc_agents", "2", now));
    }

    private static String[] agent(String name, String contact, String maxNoAnswer, long now) {
        return new String[]{name, "single_box", "", "callback", contact, "Available", "Waiting", maxNoAnswer, "2", "5",
                "5", "5", "0", "0", "0", Long.toString(now), "0", "0", "0", "0", "0"};
    }

    /** Adds an agent (as {@code callcenter_config agent add} would), logged out; false if it exists. */
    synchronized boolean add(String name) {
        if (agents.stream().anyMatch(a -> a[0].equals(name))) {
            return false;
        }
        String[] a = agent(name, "[leg_timeout=10]loopback/agent-talk-4000/cc_agents", "3",
                EslTime.nowMicros() / 1_000_000L);
        a[STATUS] = "Logged Out";
        agents.add(a);
        return true;
    }

    void onChange(Changes listener) {
        this.changes = listener;
    }

    /** An agent event of a simulated call: the table follows it (nothing is raised again). */
    synchronized void observed(SimEvent e) {
        String action = e.header("CC-Action");
        String agent = e.header("CC-Agent");
        if (agent == null || action == null) {
            return;
        }
        if (action.equals("agent-state-change") && e.has("CC-Agent-State")) {
            update(agent, STATE, e.header("CC-Agent-State"));
        } else if (action.equals("agent-status-change") && e.has("CC-Agent-Status")) {
            update(agent, STATUS, e.header("CC-Agent-Status"));
        }
    }

    /** The agent's status or state column, or null for an unknown agent. */
    synchronized String column(String agentName, boolean status) {
        for (String[] row : agents) {
            if (row[0].equals(agentName)) {
                return row[status ? STATUS : STATE];
            }
        }
        return null;
    }

    String execute(String args) {
        String[] change = new String[3];
        String result = run(args, change);
        if (change[0] != null) { // raised after the table changed, outside its lock
            boolean status = change[1].equals("status");
            changes.changed(change[0], status ? "agent-status-change" : "agent-state-change",
                    status ? "CC-Agent-Status" : "CC-Agent-State", change[2]);
        }
        return result;
    }

    private synchronized String run(String args, String[] change) {
        List<String> a = split(args);
        if (a.size() >= 2 && a.get(0).equals("agent") && a.get(1).equals("list")) {
            StringBuilder sb = new StringBuilder(AGENT_HEADER).append('\n');
            for (String[] row : agents) {
                if (a.size() < 3 || row[0].equals(a.get(2))) {
                    sb.append(String.join("|", row)).append('\n');
                }
            }
            return sb.append("+OK\n").toString();
        }
        if (a.size() == 5 && a.get(0).equals("agent") && a.get(1).equals("set")
                && (a.get(2).equals("status") || a.get(2).equals("state"))) {
            boolean status = a.get(2).equals("status");
            String result = set(a.get(3), status ? STATUS : STATE, a.get(4));
            if (result.startsWith("+OK")) {
                change[0] = a.get(3);
                change[1] = a.get(2);
                change[2] = a.get(4);
            }
            return result;
        }
        if (a.size() >= 2 && a.get(0).equals("tier") && a.get(1).equals("list")) {
            StringBuilder sb = new StringBuilder(TIER_HEADER).append('\n');
            for (int i = 0; i < agents.size(); i++) {
                sb.append("support|").append(agents.get(i)[0]).append("|Ready|1|").append(i + 1).append('\n');
            }
            return sb.append("+OK\n").toString();
        }
        if (a.size() >= 4 && a.get(0).equals("queue") && a.get(1).equals("list") && a.get(2).equals("members")) {
            return MEMBER_HEADER + "\n+OK\n";
        }
        return "-ERR Unknown Command!\n";
    }

    private String set(String agentName, int column, String value) {
        if (column(agentName, true) == null) { // the module looks the agent up first
            return "-ERR Invalid Agent!\n";
        }
        if (column == STATUS && !STATUSES.contains(value)) {
            return "-ERR Invalid Agent Status!\n";
        }
        if (column == STATE && !STATES.contains(value)) {
            return "-ERR Invalid Agent State!\n";
        }
        return update(agentName, column, value) ? "+OK\n" : "-ERR Invalid Agent!\n";
    }

    private boolean update(String agentName, int column, String value) {
        for (String[] row : agents) {
            if (row[0].equals(agentName)) {
                row[column] = value;
                if (column == STATUS) {
                    row[LAST_STATUS_CHANGE] = Long.toString(EslTime.nowMicros() / 1_000_000L);
                }
                return true;
            }
        }
        return false;
    }

    private static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        Matcher m = ARGS.matcher(args);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }
}
