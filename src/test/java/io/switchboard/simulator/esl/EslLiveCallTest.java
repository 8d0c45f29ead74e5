package io.switchboard.simulator.esl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel commands of the simulated switch on its own calls, over a raw socket: FreeSWITCH
 * 1.10's replies, and the events that follow with the fields of the captures.
 */
class EslLiveCallTest {

    private static final String EVENTS = "event plain CHANNEL_CREATE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_ANSWER"
            + " CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE"
            + " CHANNEL_DESTROY CHANNEL_PARK CHANNEL_UNPARK CHANNEL_EXECUTE PLAYBACK_START PLAYBACK_STOP BACKGROUND_JOB"
            + " CUSTOM callcenter::info";

    private EslSimulator sim;
    private RawEslClient c;

    @BeforeEach
    void start() throws Exception {
        sim = new EslSimulator(EslSimulatorSettings.defaults()).start();
        c = RawEslClient.authenticated(sim.port(), "ClueCon");
        c.command(EVENTS);
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        sim.close();
    }

    /** Runs an api command; returns its response body, the events it caused being queued by then. */
    private String api(String command) throws InterruptedException {
        return c.command("api " + command).bodyText();
    }

    /** The events received so far (a reply after them has arrived). */
    private List<SimEvent> events() throws InterruptedException {
        api("version"); // replies and events share the socket: the events before this reply are in
        List<SimEvent> out = new ArrayList<>();
        for (EslFrame f = c.pollEventFrame(0); f != null; f = c.pollEventFrame(0)) {
            out.add(EslTrace.decode(f));
        }
        return out;
    }

    private static Predicate<SimEvent> named(String name, String uuid) {
        return e -> name.equals(e.eventName()) && (uuid == null || uuid.equals(e.uniqueId()));
    }

    private static Predicate<SimEvent> callcenter(String action) {
        return e -> "CUSTOM".equals(e.eventName()) && action.equals(e.header("CC-Action"));
    }

    private static SimEvent first(List<SimEvent> events, Predicate<SimEvent> which) {
        return events.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("no such event"));
    }

    private EslOfferedCall offered() throws InterruptedException {
        EslOfferedCall call = sim.offer("support", "5550101", "Ada Lovelace", "1001", Map.of("INTENT", "billing"));
        events();
        return call;
    }

    private EslOfferedCall answered() throws InterruptedException {
        EslOfferedCall call = offered();
        assertThat(call.answer()).isTrue();
        events();
        return call;
    }

    @Test
    void anOfferedCallRingsTheAgentAndWaits() throws Exception {
        sim.offer("support", "5550101", "Ada Lovelace", "1001", Map.of("INTENT", "billing"));
        List<SimEvent> e = events();
        SimEvent joined = first(e, callcenter("member-queue-start"));
        assertThat(joined.header("variable_INTENT")).isEqualTo("billing");
        assertThat(first(e, callcenter("agent-offering")).header("CC-Agent")).isEqualTo("1001");
        assertThat(first(e, callcenter("agent-state-change")).header("CC-Agent-State")).isEqualTo("Receiving");
        SimEvent agentLeg = first(e, named("CHANNEL_CREATE", null).and(x -> "agent".equals(x.header("variable_cc_side"))));
        assertThat(agentLeg.header("Call-Direction")).isEqualTo("outbound");
        assertThat(agentLeg.header("variable_cc_agent")).isEqualTo("1001");
        assertThat(agentLeg.header("variable_cc_member_session_uuid")).isEqualTo(joined.uniqueId());
        assertThat(agentLeg.header("variable_INTENT")).isEqualTo("billing"); // cc_export_vars
        assertThat(e).anyMatch(named("CHANNEL_PROGRESS", null));
        assertThat(e).noneMatch(callcenter("bridge-agent-start"));
        assertThat(sim.activeChannelCount()).isEqualTo(6);
    }

    @Test
    void talkOnTheRingingAgentLegAnswersIt() throws Exception {
        EslOfferedCall call = offered();
        assertThat(api("uuid_phone_event " + call.agentLeg() + " talk")).isEqualTo("+OK Success\n");
        List<SimEvent> e = events();
        assertThat(e).anyMatch(named("CHANNEL_ANSWER", call.agentPhoneLeg()));
        SimEvent start = first(e, callcenter("bridge-agent-start"));
        assertThat(start.uniqueId()).isEqualTo(call.agentPhoneLeg());
        assertThat(start.header("CC-Agent")).isEqualTo("1001");
        assertThat(first(e, callcenter("agent-state-change")).header("CC-Agent-State")).isEqualTo("In a queue call");
        SimEvent bridge = first(e, named("CHANNEL_BRIDGE", call.memberLeg()));
        assertThat(bridge.header("Bridge-B-Unique-ID")).isEqualTo(call.agentPhoneLeg());
        assertThat(bridge.header("Other-Leg-Unique-ID")).isEqualTo(call.agentPhoneLeg());
        assertThat(call.answered()).isTrue();
        assertThat(api("uuid_phone_event 0b0e5c4e-0000-4000-8000-000000000000 talk")).isEqualTo("-ERR Operation Failed\n");
    }

    @Test
    void holdPlaysHoldMusicToThePartnerUntilUnhold() throws Exception {
        EslOfferedCall call = answered();
        assertThat(api("uuid_hold " + call.agentPhoneLeg())).isEqualTo("+OK Success\n");
        List<SimEvent> e = events();
        SimEvent hold = first(e, named("CHANNEL_HOLD", call.agentPhoneLeg()));
        assertThat(hold.header("Channel-Call-State")).isEqualTo("HELD");
        assertThat(first(e, named("PLAYBACK_START", call.memberLeg())).header("Playback-File-Path"))
                .isEqualTo("local_stream://moh");

        assertThat(api("uuid_hold off " + call.agentPhoneLeg())).isEqualTo("+OK Success\n");
        e = events();
        assertThat(e).extracting(SimEvent::eventName).containsExactly("PLAYBACK_STOP", "CHANNEL_UNHOLD");
        assertThat(e.get(1).header("Channel-Call-State")).isEqualTo("ACTIVE");
        // FreeSWITCH answers an unknown uuid the same way
        assertThat(api("uuid_hold 0b0e5c4e-0000-4000-8000-000000000000")).isEqualTo("+OK Success\n");
        assertThat(api("uuid_hold")).isEqualTo("-USAGE: [off] <uuid> [<display>]\n");
    }

    @Test
    void killingTheAgentLegEndsTheCall() throws Exception {
        EslOfferedCall call = answered();
        assertThat(api("uuid_kill " + call.agentPhoneLeg())).isEqualTo("+OK\n");
        List<SimEvent> e = events();
        assertThat(e).anyMatch(named("CHANNEL_HANGUP", call.agentPhoneLeg()));
        assertThat(first(e, callcenter("bridge-agent-end")).header("CC-Agent")).isEqualTo("1001");
        assertThat(first(e, callcenter("member-queue-end")).header("CC-Cause")).isEqualTo("Terminated");
        assertThat(e).filteredOn(callcenter("agent-state-change")).last()
                .satisfies(x -> assertThat(x.header("CC-Agent-State")).isEqualTo("Waiting"));
        assertThat(e).anyMatch(named("CHANNEL_UNBRIDGE", call.memberLeg()));
        assertThat(e).anyMatch(named("CHANNEL_HANGUP_COMPLETE", call.callId()));
        assertThat(api("show channels count")).isEqualTo("\n0 total.\n");
        assertThat(api("uuid_kill " + call.agentPhoneLeg())).isEqualTo("-ERR No Such Channel!\n");
    }

    @Test
    void aTransferredCallerRunsTheNewExtensionAndTheAgentLegHangsUp() throws Exception {
        EslOfferedCall call = answered();
        assertThat(api("uuid_transfer " + call.memberLeg() + " 2000 XML transfer-target")).isEqualTo("+OK\n");
        List<SimEvent> e = events();
        SimEvent unbridge = first(e, named("CHANNEL_UNBRIDGE", call.memberLeg()));
        assertThat(unbridge.header("variable_transfer_history")).contains(":bl_xfer:2000/transfer-target/XML");
        assertThat(unbridge.header("Caller-Destination-Number")).isEqualTo("2000");
        assertThat(unbridge.header("Caller-Context")).isEqualTo("transfer-target");
        assertThat(e).anyMatch(named("CHANNEL_HANGUP_COMPLETE", call.agentPhoneLeg()));
        assertThat(e).anyMatch(callcenter("bridge-agent-end"));
        assertThat(e).noneMatch(named("CHANNEL_HANGUP", call.memberLeg()));
        assertThat(api("uuid_exists " + call.memberLeg())).isEqualTo("true");
        assertThat(api("uuid_transfer 0b0e5c4e-0000-4000-8000-000000000000 2000")).isEqualTo("-ERR No Such Channel!\n");
    }

    @Test
    void originateMakesChannelsThatRunTheirTarget() throws Exception {
        assertThat(api("originate {origination_uuid=5e0c3b1a-1b2c-4d3e-8f40-1a2b3c4d5e6f,"
                + "origination_caller_id_name='Smith\\, Ann'}user/2000 &park()"))
                .isEqualTo("+OK 5e0c3b1a-1b2c-4d3e-8f40-1a2b3c4d5e6f\n");
        List<SimEvent> e = events();
        assertThat(e).extracting(SimEvent::eventName)
                .containsExactly("CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_ANSWER", "CHANNEL_PARK");
        assertThat(e.get(0).header("Channel-Name")).isEqualTo("sofia/internal/2000@esl-sim");
        assertThat(e.get(0).header("Caller-Caller-ID-Name")).isEqualTo("Smith, Ann");

        String spy = api("originate {origination_caller_id_name=Listen}user/2001 &eavesdrop("
                + "5e0c3b1a-1b2c-4d3e-8f40-1a2b3c4d5e6f)");
        assertThat(spy).startsWith("+OK ");
        SimEvent exec = first(events(), named("CHANNEL_EXECUTE", spy.substring(4).strip()));
        assertThat(exec.header("Application")).isEqualTo("eavesdrop");
        assertThat(exec.header("Application-Data")).isEqualTo("5e0c3b1a-1b2c-4d3e-8f40-1a2b3c4d5e6f");

        assertThat(api("originate error/user_busy &park()")).isEqualTo("-ERR USER_BUSY\n");
        assertThat(api("originate user/2000")).startsWith("-USAGE: <call url>");
    }

    @Test
    void uuidBridgeJoinsTwoParkedChannels() throws Exception {
        String a = api("originate loopback/2001/default &park()").substring(4).strip();
        String b = api("originate loopback/2002/default &park()").substring(4).strip();
        events();
        assertThat(api("uuid_bridge " + a + " " + b)).isEqualTo("+OK " + b + "\n");
        List<SimEvent> e = events();
        assertThat(e).anyMatch(named("CHANNEL_UNPARK", a)).anyMatch(named("CHANNEL_UNPARK", b));
        SimEvent bridge = first(e, named("CHANNEL_BRIDGE", a));
        assertThat(bridge.header("Bridge-B-Unique-ID")).isEqualTo(b);
        assertThat(bridge.header("Other-Leg-Unique-ID")).isEqualTo(b);
        assertThat(bridge.header("variable_transfer_history")).contains(":uuid_br:" + b);
        assertThat(api("uuid_bridge " + a + " 0b0e5c4e-0000-4000-8000-000000000000")).isEqualTo("-ERR Invalid uuid\n");

        // the partner left alone hangs up (it has no park_after_bridge)
        assertThat(api("uuid_kill " + a)).isEqualTo("+OK\n");
        assertThat(events()).anyMatch(named("CHANNEL_UNBRIDGE", b)).anyMatch(named("CHANNEL_HANGUP_COMPLETE", b));
        assertThat(api("show channels count")).isEqualTo("\n0 total.\n");
    }

    @Test
    void parkAfterBridgeKeepsTheLegWhenItsPartnerLeaves() throws Exception {
        EslOfferedCall call = answered();
        assertThat(api("uuid_setvar_multi " + call.memberLeg() + " park_after_bridge=true;hangup_after_bridge=false"))
                .isEqualTo("+OK\n");
        assertThat(api("uuid_setvar_multi 0b0e5c4e-0000-4000-8000-000000000000 a=1")).isEqualTo("-ERR No such channel!\n");
        assertThat(api("uuid_kill " + call.agentPhoneLeg())).isEqualTo("+OK\n");
        List<SimEvent> e = events();
        assertThat(e).anyMatch(named("CHANNEL_PARK", call.memberLeg()));
        assertThat(e).noneMatch(named("CHANNEL_HANGUP", call.memberLeg()));
        assertThat(api("uuid_exists " + call.memberLeg())).isEqualTo("true");
    }

    @Test
    void agentStatusAndStateChangesRaiseTheModulesEvents() throws Exception {
        assertThat(api("callcenter_config agent set status 1001 'On Break'")).isEqualTo("+OK\n");
        SimEvent status = first(events(), callcenter("agent-status-change"));
        assertThat(status.header("CC-Agent")).isEqualTo("1001");
        assertThat(status.header("CC-Agent-Status")).isEqualTo("On Break");
        assertThat(status.header("Event-Calling-Function")).isEqualTo("cc_agent_update");
        assertThat(status.header("Event-Calling-Line-Number")).isEqualTo("1043");

        assertThat(api("callcenter_config agent set state 1001 Idle")).isEqualTo("+OK\n");
        SimEvent state = first(events(), callcenter("agent-state-change"));
        assertThat(state.header("CC-Agent-State")).isEqualTo("Idle");
        assertThat(state.header("Event-Calling-Line-Number")).isEqualTo("1067");

        assertThat(api("callcenter_config agent set status 1999 Available")).isEqualTo("-ERR Invalid Agent!\n");
        assertThat(api("callcenter_config agent set status 1001 Sleeping")).isEqualTo("-ERR Invalid Agent Status!\n");
        assertThat(api("callcenter_config agent set state 1001 Dreaming")).isEqualTo("-ERR Invalid Agent State!\n");
        assertThat(events()).noneMatch(callcenter("agent-status-change")).noneMatch(callcenter("agent-state-change"));
        assertThat(api("callcenter_config agent list").lines().filter(l -> l.startsWith("1001|")).findFirst().orElseThrow()
                .split("\\|")).contains("On Break", "Idle");
    }

    @Test
    void aSwallowedBackgroundJobNeverEnds() throws Exception {
        sim.swallow("status");
        EslFrame reply = c.command("bgapi status");
        assertThat(reply.header("Reply-Text")).startsWith("+OK Job-UUID: ");
        // jobs end in order: the next job's result comes first, so the swallowed one has none
        c.command("bgapi version");
        assertThat(c.nextEvent("BACKGROUND_JOB").header("Job-Command")).isEqualTo("version");
        sim.clearSwallowed();
        c.command("bgapi status");
        assertThat(c.nextEvent("BACKGROUND_JOB").body()).startsWith("UP ");
        assertThat(sim.receivedCommands()).filteredOn(x -> x.equals("bgapi status")).hasSize(2);
    }
}
