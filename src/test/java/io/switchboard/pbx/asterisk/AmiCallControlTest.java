package io.switchboard.pbx.asterisk;

import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.LegRef;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxCommand.SpyMode;
import io.switchboard.pbx.PbxReply;
import io.switchboard.pbx.UnsafePbxValueException;
import io.switchboard.simulator.InteractiveCall;
import io.switchboard.simulator.InteractiveCall.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.switchboard.pbx.asterisk.AmiNode.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every neutral command against a real simulator: the exact AMI action on the wire and the reply.
 * One simulator serves the class; each case works on its own phone and call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmiCallControlTest {

    private static final AtomicInteger PHONES = new AtomicInteger(1100);
    private static final String INJECTION = "123\r\nAction: Command\r\nCommand: core stop now";

    private AmiNode node;

    @BeforeAll
    void start() {
        node = new AmiNode().start();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    /** What a case sends and expects: the command, the action's headers, the reply, the call state after. */
    record Expect(PbxCommand command, List<String> headers, boolean success, String message, InteractiveCall call,
                  State after) {
    }

    /** Sets a phone up (a call ringing, talking, ...) and says what to send to it and what to expect. */
    @FunctionalInterface
    interface Prepare {
        Expect on(AmiCallControlTest test, String device);
    }

    /** A phone of its own, and what to do with it. */
    record Case(String device, Prepare prepare) {
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                named("originate: click-to-dial from the agent's phone", (t, d) -> expect(
                        new PbxCommand.Originate(agent(d), "5551234", "outbound", d, "Agent " + d,
                                Map.of("CUSTOMER_ID", "42")),
                        lines("Action", "Originate", "Channel", "PJSIP/" + d, "Exten", "5551234", "Context", "outbound",
                                "Priority", "1", "CallerID", "Agent " + d + " <" + d + ">", "Async", "true",
                                "Variable", "CUSTOMER_ID=42"),
                        true, "Originate successfully queued", null, null)),
                named("answer: NOTIFY talk to the ringing phone", (t, d) -> {
                    InteractiveCall c = t.ringing(d);
                    return expect(new PbxCommand.Answer(agentLeg(c), agent(d)),
                            lines("Action", "PJSIPNotify", "Endpoint", d, "Variable", "Event=talk"),
                            true, "NOTIFY sent", c, State.TALKING);
                }),
                named("hold: NOTIFY hold", (t, d) -> {
                    InteractiveCall c = t.talking(d);
                    return expect(new PbxCommand.Hold(agentLeg(c), callerLeg(c), agent(d), true),
                            lines("Action", "PJSIPNotify", "Endpoint", d, "Variable", "Event=hold"),
                            true, "NOTIFY sent", c, State.HELD);
                }),
                named("unhold: NOTIFY talk to the holding phone", (t, d) -> {
                    InteractiveCall c = t.held(d);
                    return expect(new PbxCommand.Hold(agentLeg(c), callerLeg(c), agent(d), false),
                            lines("Action", "PJSIPNotify", "Endpoint", d, "Variable", "Event=talk"),
                            true, "NOTIFY sent", c, State.TALKING);
                }),
                named("hangup: the leg's channel", (t, d) -> {
                    InteractiveCall c = t.talking(d);
                    return expect(new PbxCommand.Hangup(agentLeg(c)),
                            lines("Action", "Hangup", "Channel", c.agentChannel()),
                            true, "Channel Hungup", c, State.ENDED);
                }),
                named("blind transfer: BlindTransfer on the agent's channel", (t, d) -> {
                    InteractiveCall c = t.talking(d);
                    return expect(new PbxCommand.BlindTransfer(agentLeg(c), callerLeg(c), "2000", "transfer-target"),
                            lines("Action", "BlindTransfer", "Channel", c.agentChannel(), "Exten", "2000",
                                    "Context", "transfer-target"),
                            true, "Transfer succeeded", c, State.TRANSFERRED);
                }),
                named("attended transfer start: Atxfer", (t, d) -> {
                    InteractiveCall c = t.talking(d);
                    return expect(new PbxCommand.AttendedTransferStart(agentLeg(c), callerLeg(c), agent(d), "2001",
                                    "transfer-target"),
                            lines("Action", "Atxfer", "Channel", c.agentChannel(), "Exten", "2001",
                                    "Context", "transfer-target"),
                            true, "Atxfer successfully queued", c, State.CONSULTING);
                }),
                named("attended transfer complete: the transferer hangs up", (t, d) -> {
                    InteractiveCall c = t.consulting(d);
                    return expect(new PbxCommand.AttendedTransferComplete(agentLeg(c), callerLeg(c),
                                    new LegRef(null, c.consultChannel())),
                            lines("Action", "Hangup", "Channel", c.agentChannel()),
                            true, "Channel Hungup", c, State.TRANSFERRED);
                }),
                named("attended transfer cancel: CancelAtxfer", (t, d) -> {
                    InteractiveCall c = t.consulting(d);
                    return expect(new PbxCommand.AttendedTransferCancel(agentLeg(c), callerLeg(c),
                                    new LegRef(null, c.consultChannel())),
                            lines("Action", "CancelAtxfer", "Channel", c.agentChannel()),
                            true, "CancelAtxfer successfully queued", c, State.TALKING);
                }),
                named("spy listen: ChanSpy q E", (t, d) -> spy(t, d, SpyMode.LISTEN, "qE")),
                named("spy whisper: ChanSpy q w E", (t, d) -> spy(t, d, SpyMode.WHISPER, "qwE")),
                named("spy barge: ChanSpy q B E", (t, d) -> spy(t, d, SpyMode.BARGE, "qBE")),
                named("queue login: QueueAdd", (t, d) -> expect(
                        new PbxCommand.QueueLogin(agent(d), "support", "Agent " + d, false),
                        lines("Action", "QueueAdd", "Queue", "support", "Interface", "PJSIP/" + d,
                                "MemberName", "Agent " + d, "Paused", "false"),
                        true, "Added interface to queue", null, null)),
                named("queue logout: QueueRemove", (t, d) -> {
                    t.login(d);
                    return expect(new PbxCommand.QueueLogout(agent(d), "support"),
                            lines("Action", "QueueRemove", "Queue", "support", "Interface", "PJSIP/" + d),
                            true, "Removed interface from queue", null, null);
                }),
                named("pause in one queue: QueuePause with Queue and Reason", (t, d) -> {
                    t.login(d);
                    return expect(new PbxCommand.QueuePause(agent(d), "support", true, "lunch"),
                            lines("Action", "QueuePause", "Interface", "PJSIP/" + d, "Paused", "true",
                                    "Reason", "lunch", "Queue", "support"),
                            true, "Interface paused successfully", null, null);
                }),
                named("unpause in all queues: QueuePause without Queue", (t, d) -> {
                    t.login(d);
                    return expect(new PbxCommand.QueuePause(agent(d), null, false, null),
                            lines("Action", "QueuePause", "Interface", "PJSIP/" + d, "Paused", "false"),
                            true, "Interface unpaused successfully", null, null);
                }),
                named("wrap-up done: QueuePause off with its reason", (t, d) -> {
                    t.login(d);
                    return expect(new PbxCommand.WrapUpDone(agent(d)),
                            lines("Action", "QueuePause", "Interface", "PJSIP/" + d, "Paused", "false",
                                    "Reason", "wrap-up done"),
                            true, "Interface unpaused successfully", null, null);
                }),
                // the heartbeat: Asterisk answers Ping: Pong and its clock, no Message
                named("ping: Ping", (t, d) -> expect(new PbxCommand.Ping(), lines("Action", "Ping"), true, null,
                        null, null)),
                // pbx_config re-reads extensions.conf and its includes; the CLI output comes as Output:
                named("reload dialplan: Command dialplan reload", (t, d) -> expect(new PbxCommand.ReloadDialplan(),
                        lines("Action", "Command", "Command", "dialplan reload"), true, "Command output follows",
                        null, null)),
                // Asterisk refuses, but the member is out as asked: done, marked unchanged
                named("logout of a queue the agent is not in", (t, d) -> expect(
                        new PbxCommand.QueueLogout(agent(d), "support"),
                        lines("Action", "QueueRemove", "Queue", "support", "Interface", "PJSIP/" + d),
                        true, "Unable to remove interface: Not there", null, null)),
                named("error: answer on a phone the PBX does not know", (t, d) -> expect(
                        new PbxCommand.Answer(null, new AgentEndpoint(AmiNode.NODE, "PJSIP/x" + d, "PJSIP/x" + d, "x" + d)),
                        lines("Action", "PJSIPNotify", "Endpoint", "x" + d, "Variable", "Event=talk"),
                        false, "Unable to retrieve endpoint x" + d, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void commandBecomesItsAmiActionAndReply(Case c) throws Exception {
        Expect e = c.prepare().on(this, c.device());
        String action = e.headers().stream().filter(h -> h.startsWith("action: ")).findFirst().orElseThrow()
                .substring("action: ".length());
        int before = node.sim.receivedActions(action).size();

        PbxReply reply = node.run(e.command());

        assertThat(reply.success()).as(reply.message()).isEqualTo(e.success());
        assertThat(reply.message()).isEqualTo(e.message());
        if (e.success() && e.message() != null && e.message().endsWith("Not there")) {
            assertThat(reply.data()).containsEntry(PbxReply.UNCHANGED, "true");
        }
        assertThat(node.sim.receivedActions(action)).hasSize(before + 1);
        assertThat(AmiNode.headers(node.lastAction(action))).isEqualTo(e.headers());
        assertThat(node.lastAction(action).get("ActionID")).as("asterisk-java correlates by ActionID").isNotBlank();
        if (e.after() != null) {
            await().atMost(Duration.ofSeconds(5)).until(() -> e.call().state() == e.after());
        }
    }

    @Test
    void anUnansweredActionFailsAtItsDeadlineAndLaterActionsStillWork() throws Exception {
        String d = nextPhone();
        node.sim.leaveUnanswered(a -> "QueueAdd".equalsIgnoreCase(a.get("Action")));
        try {
            long start = System.nanoTime();
            CompletableFuture<PbxReply> lost = node.control().execute(
                    new PbxCommand.QueueLogin(agent(d), "support", "Agent " + d, false), Duration.ofMillis(400));
            assertThatThrownBy(() -> lost.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waited).isBetween(380L, 1_500L);
            assertThat(node.lastAction("QueueAdd").get("Interface")).isEqualTo("PJSIP/" + d);
        } finally {
            node.sim.leaveUnanswered(null);
        }
        PbxReply later = node.run(new PbxCommand.QueueLogin(agent(d), "support", "Agent " + d, false));
        assertThat(later.success()).isTrue();
        assertThat(node.run(new PbxCommand.QueuePause(agent(d), null, true, "break")).message())
                .isEqualTo("Interface paused successfully");
    }

    static Stream<Arguments> injections() {
        LegRef leg = new LegRef("1.1", "PJSIP/1001-00000001");
        return Stream.of(
                Arguments.of(Named.of("blind transfer destination",
                        new PbxCommand.BlindTransfer(leg, null, INJECTION, "transfer-target"))),
                Arguments.of(Named.of("originate destination",
                        new PbxCommand.Originate(agent("1001"), INJECTION, "outbound", null, null, Map.of()))),
                Arguments.of(Named.of("channel name of a hangup",
                        new PbxCommand.Hangup(new LegRef("1.1", INJECTION)))),
                Arguments.of(Named.of("pause reason",
                        new PbxCommand.QueuePause(agent("1001"), "support", true, INJECTION))),
                Arguments.of(Named.of("originate variable",
                        new PbxCommand.Originate(agent("1001"), "100", "outbound", null, null,
                                Map.of("INTENT", INJECTION)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void lineBreaksInAnyValueNeverReachTheWire(PbxCommand command) {
        int before = node.commands().size();

        CompletableFuture<PbxReply> refused = node.control().execute(command, Duration.ofSeconds(2));

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(UnsafePbxValueException.class);
        assertThat(node.commands()).hasSize(before);
        assertThat(node.sim.receivedActions()).noneMatch(a -> a.headers().stream()
                .anyMatch(h -> h.getValue().toLowerCase(Locale.ROOT).contains("core stop now")));
        // the only Command the service sends is the dialplan reload (its own table case)
        assertThat(node.sim.receivedActions("Command")).allMatch(a -> "dialplan reload".equals(a.get("Command")));
    }

    @Test
    void aNodeThatIsNotConnectedFailsAtOnce() throws Exception {
        try (AmiNode idle = new AmiNode()) { // never started
            CompletableFuture<PbxReply> r = idle.control().execute(new PbxCommand.Hangup(
                    new LegRef("1.1", "PJSIP/1001-00000001")), Duration.ofSeconds(2));
            assertThatThrownBy(r::join).hasCauseInstanceOf(NodeUnavailableException.class);
            assertThatThrownBy(() -> idle.control().agentStates(Duration.ofSeconds(1)).join())
                    .hasCauseInstanceOf(NodeUnavailableException.class);
            assertThat(idle.sim.receivedActions()).isEmpty();
        }
    }

    // --- how the cases set their phones up ---------------------------------------------------------------------

    private static Arguments named(String name, Prepare prepare) {
        return Arguments.of(Named.of(name, new Case(nextPhone(), prepare)));
    }

    private static String nextPhone() {
        return Integer.toString(PHONES.incrementAndGet());
    }

    private static Expect expect(PbxCommand command, List<String> headers, boolean success, String message,
                                 InteractiveCall call, State after) {
        return new Expect(command, headers, success, message, call, after);
    }

    private static Expect spy(AmiCallControlTest t, String d, SpyMode mode, String options) {
        InteractiveCall c = t.talking(d);
        String supervisor = "19" + d;
        return expect(new PbxCommand.Spy(mode, agent(supervisor), agentLeg(c)),
                lines("Action", "Originate", "Channel", "PJSIP/" + supervisor, "Application", "ChanSpy",
                        "Data", c.agentChannel() + "," + options, "Async", "true"),
                true, "Originate successfully queued", c, State.TALKING);
    }

    /** Expected headers as {@link AmiNode#headers} renders them. */
    private static List<String> lines(String... pairs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(pairs[i].toLowerCase(Locale.ROOT) + ": " + pairs[i + 1]);
        }
        return out.stream().sorted().toList();
    }

    private static LegRef agentLeg(InteractiveCall c) {
        return new LegRef(c.agentUniqueid(), c.agentChannel());
    }

    private static LegRef callerLeg(InteractiveCall c) {
        return new LegRef(c.callerUniqueid(), c.callerChannel());
    }

    InteractiveCall ringing(String d) {
        return node.sim.offer("support", "555" + d, "Caller " + d, "PJSIP/" + d, Map.of());
    }

    InteractiveCall talking(String d) {
        InteractiveCall c = ringing(d);
        assertThat(c.answer()).isTrue();
        return c;
    }

    InteractiveCall held(String d) {
        InteractiveCall c = talking(d);
        try {
            assertThat(node.run(new PbxCommand.Hold(agentLeg(c), callerLeg(c), agent(d), true)).success()).isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> c.state() == State.HELD);
        return c;
    }

    InteractiveCall consulting(String d) {
        InteractiveCall c = talking(d);
        try {
            assertThat(node.run(new PbxCommand.AttendedTransferStart(agentLeg(c), callerLeg(c), agent(d), "2001",
                    "transfer-target")).success()).isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> c.state() == State.CONSULTING);
        return c;
    }

    void login(String d) {
        try {
            assertThat(node.run(new PbxCommand.QueueLogin(agent(d), "support", "Agent " + d, false)).success())
                    .isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
