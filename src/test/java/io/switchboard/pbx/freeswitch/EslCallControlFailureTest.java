package io.switchboard.pbx.freeswitch;

import io.switchboard.events.AgentState;
import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.LegRef;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import io.switchboard.pbx.UnsafePbxValueException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Deadlines, refused values, a node that is not there, the agent resync and the connect hook. */
class EslCallControlFailureTest {

    static final AgentEndpoint AGENT = new AgentEndpoint("fs", "1001", "user/1001", "1001");
    static final String INJECTED = "123\r\nAction: Command\r\nCommand: core stop now";
    static final LegRef LEG = new LegRef("6f1c2b9e-6a52-4a8e-9d3b-2f0c1e5d7a90", null);

    private EslControlHarness h;

    @BeforeEach
    void connect() {
        h = new EslControlHarness();
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void anUnansweredCommandFailsAtItsDeadlineAndTheNextOneWorks() throws Exception {
        h.sim.swallow("uuid_kill");
        long t0 = System.nanoTime();
        var stuck = h.control().execute(new PbxCommand.Hangup(LEG), Duration.ofMillis(400));
        assertThatThrownBy(() -> stuck.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(tookMillis).isBetween(350L, 2_000L);
        assertThat(h.wire()).containsExactly("uuid_kill " + LEG.id());

        PbxReply next = h.run(new PbxCommand.WrapUpDone(AGENT));
        assertThat(next.success()).isTrue();
        assertThat(next.message()).isEqualTo("+OK");
    }

    @Test
    void aSequencePastItsDeadlineSendsNoFurtherStep() throws Exception {
        var call = h.sim.offer("support", "5550101", "Ada", "1001", Map.of());
        call.answer();
        h.sim.clearReceivedCommands();
        h.sim.swallow("originate");
        LegRef agent = new LegRef(call.agentPhoneLeg(), null);
        LegRef member = new LegRef(call.memberLeg(), null);
        var start = h.control().execute(new PbxCommand.AttendedTransferStart(agent, member, AGENT, "2001", "default"),
                Duration.ofMillis(500));
        assertThatThrownBy(() -> start.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        // the steps done are undone after the timeout: the agent takes the caller off hold again
        await().atMost(Duration.ofSeconds(10)).until(() -> h.wire().contains("uuid_hold off " + agent.id()));
        assertThat(h.wire()).noneMatch(c -> c.startsWith("uuid_bridge"));
    }

    static Stream<PbxCommand> injections() {
        return Stream.of(
                new PbxCommand.BlindTransfer(LEG, LEG, INJECTED, "default"),
                new PbxCommand.Hangup(new LegRef(INJECTED, null)),
                new PbxCommand.QueuePause(AGENT, "support", true, INJECTED),
                new PbxCommand.Originate(AGENT, "5551234", "default", "1", "x", Map.of("note", INJECTED)));
    }

    @ParameterizedTest
    @MethodSource("injections")
    void lineBreaksAreRefusedBeforeAnythingIsSent(PbxCommand command) {
        var result = h.control().execute(command, Duration.ofSeconds(2));
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(UnsafePbxValueException.class);
        assertThat(h.sim.receivedCommands()).noneMatch(c -> c.contains("core stop now"));
        assertThat(h.wire()).isEmpty();
    }

    static Stream<PbxCommand> argumentSyntax() {
        return Stream.of(
                new PbxCommand.BlindTransfer(LEG, LEG, "2000 XML evil", "default"), // a space makes more arguments
                new PbxCommand.Hangup(new LegRef(LEG.id() + " CALL_REJECTED", null)),
                new PbxCommand.Spy(PbxCommand.SpyMode.LISTEN, AGENT, new LegRef("x)&park(", null)),
                new PbxCommand.Originate(AGENT, "5551234", "default", "1", "x}user/6666 &park() {a=b", Map.of()),
                new PbxCommand.Originate(AGENT, "5551234", "default", "1", "O'Brien", Map.of()),
                new PbxCommand.QueueLogout(new AgentEndpoint("fs", "1001 'On Break'", null, null), "support"));
    }

    @ParameterizedTest
    @MethodSource("argumentSyntax")
    void valuesThatWouldBreakOutOfTheirArgumentAreRefused(PbxCommand command) {
        var result = h.control().execute(command, Duration.ofSeconds(2));
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(UnsafePbxValueException.class);
        assertThat(h.wire()).isEmpty();
    }

    @Test
    void aNodeThatIsNotConnectedIsReportedAsSuch() {
        h.sim.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !h.control().connected());
        var result = h.control().execute(new PbxCommand.WrapUpDone(AGENT), Duration.ofSeconds(1));
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(NodeUnavailableException.class);
        var states = h.control().agentStates(Duration.ofSeconds(1));
        assertThatThrownBy(() -> states.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(NodeUnavailableException.class);
    }

    @Test
    void agentStatesReadTheAgentListAfterLoginPauseAndLogout() throws Exception {
        assertThat(h.run(new PbxCommand.QueueLogin(AGENT, "support", "Ada", false)).success()).isTrue();
        AgentEndpoint second = new AgentEndpoint("fs", "1002", "user/1002", "1002");
        assertThat(h.run(new PbxCommand.QueuePause(second, null, true, "lunch")).success()).isTrue();
        AgentEndpoint third = new AgentEndpoint("fs", "1003", "user/1003", "1003");
        assertThat(h.run(new PbxCommand.QueueLogout(third, "support")).success()).isTrue();

        List<AgentStateChanged> states = h.control().agentStates(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertThat(states).extracting(AgentStateChanged::agentName).containsExactly("1001", "1002", "1003", "1004");
        assertThat(states.get(0)).satisfies(s -> {
            assertThat(s.state()).isEqualTo(AgentState.AVAILABLE);
            assertThat(s.paused()).isFalse();
            assertThat(s.queue()).isNull();
            assertThat(s.meta().nodeId()).isEqualTo("fs");
        });
        assertThat(states.get(1)).satisfies(s -> {
            assertThat(s.state()).isEqualTo(AgentState.AVAILABLE);
            assertThat(s.paused()).isTrue();
            assertThat(s.reason()).isEqualTo("On Break");
        });
        assertThat(states.get(2).state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(h.wire()).last().isEqualTo("callcenter_config agent list");

        // the same changes reached the model as mod_callcenter's events
        await().atMost(Duration.ofSeconds(10)).until(() -> h.events.stream().anyMatch(e ->
                e instanceof AgentStateChanged a && a.agentName().equals("1002") && Boolean.TRUE.equals(a.paused())));
        assertThat(h.events).anyMatch(e -> e instanceof AgentStateChanged a && a.agentName().equals("1003")
                && a.state() == AgentState.LOGGED_OUT);
    }

    @Test
    void connectListenersRunAfterEveryLoginOffTheClientsThreads() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<Integer> agentsSeen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        h.control().onConnected(() -> {
            threads.add(Thread.currentThread().getName());
            try { // a listener may resync at once: commands work when it runs
                agentsSeen.add(h.control().agentStates(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS).size());
            } catch (Exception e) {
                agentsSeen.add(-1);
            }
            runs.incrementAndGet();
        });
        long logins = h.sim.connectionCount();
        h.sim.dropClients();
        await().atMost(Duration.ofSeconds(15)).until(() -> runs.get() == 1);
        assertThat(h.sim.connectionCount()).isGreaterThan(logins);
        assertThat(agentsSeen).containsExactly(4);
        h.sim.dropClients();
        await().atMost(Duration.ofSeconds(15)).until(() -> runs.get() == 2);
        assertThat(agentsSeen).containsExactly(4, 4);
        assertThat(threads).allMatch(t -> t.startsWith("connected-"));
    }
}
