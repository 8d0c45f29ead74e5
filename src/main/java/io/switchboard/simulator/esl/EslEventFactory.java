package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the events the simulated switch raises itself (API, BACKGROUND_JOB), with the common
 * header block every FreeSWITCH event starts with, in FreeSWITCH's order.
 */
final class EslEventFactory {

    static final String HOSTNAME = "esl-sim";

    private final String coreUuid;
    private final AtomicLong sequence = new AtomicLong(400);

    EslEventFactory(String coreUuid) {
        this.coreUuid = coreUuid;
    }

    String coreUuid() {
        return coreUuid;
    }

    /** Fired for every {@code api} and {@code bgapi} command, as {@code switch_api_execute} does. */
    SimEvent api(String command, String argument) {
        List<Map.Entry<String, String>> h = common("API", "switch_loadable_module.c", "switch_api_execute", "2954");
        h.add(Map.entry("API-Command", command));
        if (!argument.isEmpty()) {
            h.add(Map.entry("API-Command-Argument", argument));
        }
        return new SimEvent(h, null);
    }

    /** The result of a {@code bgapi} job; the api output is the event body. */
    SimEvent backgroundJob(String jobUuid, String command, String argument, String result) {
        List<Map.Entry<String, String>> h = common("BACKGROUND_JOB", "mod_event_socket.c", "api_exec", "1572");
        h.add(Map.entry("Job-UUID", jobUuid));
        h.add(Map.entry("Job-Command", command));
        if (!argument.isEmpty()) {
            h.add(Map.entry("Job-Command-Arg", argument));
        }
        return new SimEvent(h, result);
    }

    /**
     * mod_callcenter's {@code agent-status-change} / {@code agent-state-change} after a
     * {@code callcenter_config agent set}; {@code header} is {@code CC-Agent-Status} or {@code CC-Agent-State}.
     */
    SimEvent agentChange(String agent, String action, String header, String value) {
        List<Map.Entry<String, String>> h = new ArrayList<>(20);
        h.add(Map.entry("Event-Subclass", "callcenter::info"));
        h.addAll(common("CUSTOM", "mod_callcenter.c", "cc_agent_update",
                header.equals("CC-Agent-Status") ? "1043" : "1067"));
        h.add(Map.entry("CC-Agent", agent));
        h.add(Map.entry("CC-Action", action));
        h.add(Map.entry(header, value));
        return new SimEvent(h, null);
    }

    private List<Map.Entry<String, String>> common(String name, String file, String function, String line) {
        long now = EslTime.nowMicros();
        List<Map.Entry<String, String>> h = new ArrayList<>(20);
        h.add(Map.entry("Event-Name", name));
        h.add(Map.entry("Core-UUID", coreUuid));
        h.add(Map.entry("FreeSWITCH-Hostname", HOSTNAME));
        h.add(Map.entry("FreeSWITCH-Switchname", HOSTNAME));
        h.add(Map.entry("FreeSWITCH-IPv4", "127.0.0.1"));
        h.add(Map.entry("FreeSWITCH-IPv6", "::1"));
        h.add(Map.entry("Event-Date-Local", EslTime.local(now)));
        h.add(Map.entry("Event-Date-GMT", EslTime.gmt(now)));
        h.add(Map.entry("Event-Date-Timestamp", Long.toString(now)));
        h.add(Map.entry("Event-Calling-File", file));
        h.add(Map.entry("Event-Calling-Function", function));
        h.add(Map.entry("Event-Calling-Line-Number", line));
        h.add(Map.entry("Event-Sequence", Long.toString(sequence.incrementAndGet())));
        return h;
    }
}
