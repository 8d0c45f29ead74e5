package io.switchboard.pbx.freeswitch;

import io.switchboard.events.CallEvent.LegCreated;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.LegRef;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxCommand.SpyMode;
import io.switchboard.pbx.PbxReply;
import io.switchboard.simulator.esl.EslOfferedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The translation table, one row per neutral command: the exact text on the simulator's wire
 * and FreeSWITCH's reply. Each row runs against an interactive queue call (answered unless the
 * row needs it ringing), so the replies are those of a live switch.
 */
class EslCallControlTableTest {

    static final AgentEndpoint AGENT = new AgentEndpoint("fs", "1001", "user/1001", "1001");
    static final AgentEndpoint SUPERVISOR = new AgentEndpoint("fs", "2000", "user/2000", "2000");

    /** The legs of the call: the ringing agent leg, the agent's talking leg, the member's leg. */
    record Legs(LegRef ringing, LegRef agent, LegRef member, Map<String, String> earlier) {
        LegRef consult() {
            return new LegRef(earlier.get("consultLeg"), earlier.get("consultChannel"));
        }
    }

    /**
     * @param before  commands run first (their wire is not part of the row)
     * @param wire    the expected bgapi texts
     * @param message the expected reply text ({@code *} matches the uuid FreeSWITCH made, {@code UP *} a status report)
     */
    record Row(String name, boolean answered, List<Function<Legs, PbxCommand>> before, Function<Legs, PbxCommand> command,
               Function<Legs, List<String>> wire, Function<Legs, String> message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, boolean answered, Function<Legs, PbxCommand> command, Function<Legs, List<String>> wire,
                   Function<Legs, String> message) {
        return new Row(name, answered, List.of(), command, wire, message);
    }

    static Stream<Row> table() {
        return Stream.of(
                row("originate", false,
                        l -> new PbxCommand.Originate(AGENT, "5551234", null, "5550000", "Sales, Line 2",
                                Map.of("b", "2", "a", "x")),
                        l -> List.of("originate {origination_caller_id_number=5550000,"
                                + "origination_caller_id_name='Sales\\, Line 2',a=x,b=2}user/1001 5551234 XML default"),
                        l -> "+OK *"),
                row("answer", false, l -> new PbxCommand.Answer(l.ringing(), AGENT),
                        l -> List.of("uuid_phone_event " + l.ringing().id() + " talk"), l -> "+OK Success"),
                row("hangup", true, l -> new PbxCommand.Hangup(l.member()),
                        l -> List.of("uuid_kill " + l.member().id()), l -> "+OK"),
                row("hold", true, l -> new PbxCommand.Hold(l.agent(), l.member(), AGENT, true),
                        l -> List.of("uuid_hold " + l.agent().id()), l -> "+OK Success"),
                new Row("unhold", true, List.of(l -> new PbxCommand.Hold(l.agent(), l.member(), AGENT, true)),
                        l -> new PbxCommand.Hold(l.agent(), l.member(), AGENT, false),
                        l -> List.of("uuid_hold off " + l.agent().id()), l -> "+OK Success"),
                row("blind transfer", true,
                        l -> new PbxCommand.BlindTransfer(l.agent(), l.member(), "2000", "transfer-target"),
                        l -> List.of("uuid_transfer " + l.member().id() + " 2000 XML transfer-target"), l -> "+OK"),
                row("attended transfer start", true,
                        l -> new PbxCommand.AttendedTransferStart(l.agent(), l.member(), AGENT, "2001", "transfer-target"),
                        l -> List.of("uuid_setvar_multi " + l.member().id() + " park_after_bridge=true;hangup_after_bridge=false",
                                "uuid_hold " + l.agent().id(),
                                "originate {origination_uuid=" + l.earlier().get("consultLeg")
                                        + ",origination_caller_id_number=1001,origination_caller_id_name=1001,"
                                        + "switchboard_xfer_agent=" + l.agent().id() + ",switchboard_xfer_party="
                                        + l.member().id() + "}loopback/2001/transfer-target &park()",
                                "uuid_bridge " + l.agent().id() + " " + l.earlier().get("consultLeg"),
                                "uuid_hold off " + l.agent().id()),
                        l -> "+OK; +OK Success; +OK " + l.earlier().get("consultLeg") + "; +OK "
                                + l.earlier().get("consultLeg") + "; +OK Success"),
                new Row("attended transfer complete", true, List.of(EslCallControlTableTest::start),
                        l -> new PbxCommand.AttendedTransferComplete(l.agent(), l.member(), l.consult()),
                        l -> List.of("uuid_bridge " + l.member().id() + " " + l.consult().id(),
                                "uuid_setvar_multi " + l.member().id() + " park_after_bridge=false;hangup_after_bridge=true",
                                "uuid_kill " + l.agent().id()),
                        // the agent's leg left with its partner: releasing it finds nothing, which is fine
                        l -> "+OK " + l.consult().id() + "; +OK; -ERR No Such Channel!"),
                new Row("attended transfer cancel", true, List.of(EslCallControlTableTest::start),
                        l -> new PbxCommand.AttendedTransferCancel(l.agent(), l.member(), l.consult()),
                        l -> List.of("uuid_bridge " + l.agent().id() + " " + l.member().id(),
                                "uuid_setvar_multi " + l.member().id() + " park_after_bridge=false;hangup_after_bridge=true",
                                "uuid_kill " + l.consult().id()),
                        l -> "+OK " + l.member().id() + "; +OK; -ERR No Such Channel!"),
                row("listen", true, l -> new PbxCommand.Spy(SpyMode.LISTEN, SUPERVISOR, l.agent()),
                        l -> List.of("originate {origination_caller_id_name=Listen}user/2000 &eavesdrop(" + l.agent().id() + ")"),
                        l -> "+OK *"),
                row("whisper", true, l -> new PbxCommand.Spy(SpyMode.WHISPER, SUPERVISOR, l.agent()),
                        l -> List.of("originate {origination_caller_id_name=Whisper,eavesdrop_whisper_aleg=true}user/2000"
                                + " &eavesdrop(" + l.agent().id() + ")"),
                        l -> "+OK *"),
                row("barge", true, l -> new PbxCommand.Spy(SpyMode.BARGE, SUPERVISOR, l.agent()),
                        l -> List.of("originate {origination_caller_id_name=Barge}user/2000 &three_way(" + l.agent().id() + ")"),
                        l -> "+OK *"),
                row("login", false, l -> new PbxCommand.QueueLogin(AGENT, "support", "Ada", false),
                        l -> List.of("callcenter_config agent set status 1001 'Available'",
                                "callcenter_config agent set state 1001 Waiting"), l -> "+OK; +OK"),
                row("login paused", false, l -> new PbxCommand.QueueLogin(AGENT, "support", "Ada", true),
                        l -> List.of("callcenter_config agent set status 1001 'On Break'",
                                "callcenter_config agent set state 1001 Waiting"), l -> "+OK; +OK"),
                row("logout", false, l -> new PbxCommand.QueueLogout(AGENT, "support"),
                        l -> List.of("callcenter_config agent set status 1001 'Logged Out'"), l -> "+OK"),
                row("pause", false, l -> new PbxCommand.QueuePause(AGENT, null, true, "lunch"),
                        l -> List.of("callcenter_config agent set status 1001 'On Break'"), l -> "+OK"),
                row("unpause", false, l -> new PbxCommand.QueuePause(AGENT, "support", false, null),
                        l -> List.of("callcenter_config agent set status 1001 'Available'"), l -> "+OK"),
                row("wrap-up done", false, l -> new PbxCommand.WrapUpDone(AGENT),
                        l -> List.of("callcenter_config agent set state 1001 Waiting"), l -> "+OK"),
                // the heartbeat: status reports uptime and sessions, without +OK
                row("ping", false, l -> new PbxCommand.Ping(), l -> List.of("status"), l -> "UP *"),
                // re-reads the XML configuration, dialplan includes with it
                row("reload dialplan", false, l -> new PbxCommand.ReloadDialplan(), l -> List.of("reloadxml"),
                        l -> "+OK [Success]"),
                row("unknown agent", false,
                        l -> new PbxCommand.WrapUpDone(new AgentEndpoint("fs", "1999", "user/1999", "1999")),
                        l -> List.of("callcenter_config agent set state 1999 Waiting"), l -> "-ERR Invalid Agent!"));
    }

    static PbxCommand start(Legs l) {
        return new PbxCommand.AttendedTransferStart(l.agent(), l.member(), AGENT, "2001", "transfer-target");
    }

    private EslControlHarness h;

    @BeforeEach
    void connect() {
        h = new EslControlHarness();
    }

    @AfterEach
    void close() {
        h.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void translatesToTheseCommandsAndReportsTheReply(Row row) throws Exception {
        EslOfferedCall call = h.sim.offer("support", "5550101", "Ada Lovelace", "1001", Map.of());
        if (row.answered()) {
            call.answer();
        }
        Map<String, String> earlier = new LinkedHashMap<>();
        Legs legs = new Legs(new LegRef(call.agentLeg(), null), new LegRef(call.agentPhoneLeg(), null),
                new LegRef(call.memberLeg(), null), earlier);
        for (Function<Legs, PbxCommand> b : row.before()) {
            PbxReply r = h.run(b.apply(legs));
            assertThat(r.success()).as(r.message()).isTrue();
            earlier.putAll(r.data());
        }
        h.sim.clearReceivedCommands();

        PbxReply reply = h.run(row.command().apply(legs));
        earlier.putAll(reply.data());

        assertThat(h.wire()).containsExactlyElementsOf(row.wire().apply(legs));
        String expected = row.message().apply(legs);
        if (expected.equals("UP *")) {
            assertThat(reply.message()).startsWith("UP 0 years, ").contains("FreeSWITCH (Version");
        } else if (expected.endsWith("*")) {
            assertThat(reply.message()).matches("\\+OK [0-9a-f-]{36}");
            assertThat(reply.data().get("leg")).isEqualTo(reply.message().substring(4));
        } else {
            assertThat(reply.message()).isEqualTo(expected);
        }
        assertThat(reply.success()).isEqualTo(!expected.startsWith("-ERR"));
    }

    @org.junit.jupiter.api.Test
    void variableValuesReachTheChannelAsSent() throws Exception {
        PbxReply r = h.run(new PbxCommand.Originate(AGENT, "5551234", "default", "5550000", "Sales, Line 2", Map.of()));
        String leg = r.data().get("leg");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.events.stream()
                .anyMatch(e -> e instanceof LegCreated c && c.legId().equals(leg)));
        LegCreated created = (LegCreated) h.events.stream()
                .filter(e -> e instanceof LegCreated c && c.legId().equals(leg)).findFirst().orElseThrow();
        assertThat(created.callerName()).isEqualTo("Sales, Line 2");
        assertThat(created.callerNumber()).isEqualTo("5550000");
        assertThat(new ArrayList<>(h.wire())).hasSize(1);
    }
}
