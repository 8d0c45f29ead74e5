package io.switchboard.agents;

import io.switchboard.events.AgentState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Agent states from PBX facts and actions, one scenario per row. */
class AgentStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private static final Duration WRAP = Duration.ofSeconds(30);

    private record Step(String name, Consumer<AgentStateMachine> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Step join(String node, String queue) {
        return new Step("join " + queue, m -> m.member(node, queue, AgentState.AVAILABLE, false, null, T0));
    }

    private static Step leave(String node, String queue) {
        return new Step("leave " + queue, m -> m.member(node, queue, AgentState.LOGGED_OUT, null, null, T0));
    }

    private static Step pause(String reason) {
        return new Step("pause " + reason, m -> m.member("ast", "support", null, true, reason, T0));
    }

    private static Step unpause() {
        return new Step("unpause", m -> m.member("ast", "support", null, false, null, T0));
    }

    private static final Step OFFER = new Step("offer c1", m -> m.offered("c1", T0));
    private static final Step RNA = new Step("ring no answer c1", m -> m.ringEnded("c1", T0));
    private static final Step CONNECT = new Step("connect c1", m -> m.connected("c1", T0));
    private static final Step COMPLETE = new Step("complete c1", m -> m.completed("c1", T0, WRAP));
    private static final Step COMPLETE_NO_WRAP = new Step("complete c1 (no wrap-up)",
            m -> m.completed("c1", T0, Duration.ZERO));
    private static final Step DONE = new Step("wrap-up done", m -> m.wrapUpDone(T0));

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of(List.of(), Presence.LOGGED_OUT, null),
                Arguments.of(List.of(join("ast", "support")), Presence.AVAILABLE, null),
                Arguments.of(List.of(join("ast", "support"), pause("lunch")), Presence.PAUSED, "lunch"),
                Arguments.of(List.of(join("ast", "support"), pause("lunch"), unpause()), Presence.AVAILABLE, null),
                Arguments.of(List.of(join("ast", "support"), OFFER), Presence.RINGING, null),
                Arguments.of(List.of(join("ast", "support"), OFFER, RNA), Presence.AVAILABLE, null),
                Arguments.of(List.of(join("ast", "support"), OFFER, CONNECT), Presence.ON_CALL, null),
                Arguments.of(List.of(join("ast", "support"), OFFER, CONNECT, COMPLETE), Presence.WRAP_UP, null),
                Arguments.of(List.of(join("ast", "support"), OFFER, CONNECT, COMPLETE_NO_WRAP), Presence.AVAILABLE, null),
                // the service pauses the member for wrap-up: still WRAP_UP, and done clears that pause
                Arguments.of(List.of(join("ast", "support"), OFFER, CONNECT, COMPLETE,
                        pause(AgentStateMachine.WRAP_UP_REASON)), Presence.WRAP_UP, null),
                Arguments.of(List.of(join("ast", "support"), OFFER, CONNECT, COMPLETE,
                        pause(AgentStateMachine.WRAP_UP_REASON), DONE), Presence.AVAILABLE, null),
                // a break asked for during the call shows once wrap-up is done
                Arguments.of(List.of(join("ast", "support"), OFFER, CONNECT, pause("break"), COMPLETE, DONE),
                        Presence.PAUSED, "break"),
                // two queues: leaving one keeps the agent logged in
                Arguments.of(List.of(join("ast", "support"), join("ast", "sales"), leave("ast", "sales")),
                        Presence.AVAILABLE, null),
                Arguments.of(List.of(join("ast", "support"), leave("ast", "support")), Presence.LOGGED_OUT, null),
                // mod_callcenter: status for every queue at once
                Arguments.of(List.of(new Step("fs Available", m -> m.member("fs", null, null, false, null, T0))),
                        Presence.AVAILABLE, null),
                Arguments.of(List.of(new Step("fs On Break", m -> m.member("fs", null, null, true, "On Break", T0))),
                        Presence.PAUSED, "On Break"),
                Arguments.of(List.of(new Step("fs Available", m -> m.member("fs", null, null, false, null, T0)),
                        new Step("fs Logged Out", m -> m.member("fs", null, AgentState.LOGGED_OUT, false, null, T0))),
                        Presence.LOGGED_OUT, null),
                // a busy device seen after a restart: on a call we did not see start
                Arguments.of(List.of(new Step("busy", m -> m.member("ast", "support", AgentState.BUSY, false, null, T0))),
                        Presence.ON_CALL, null),
                // logging out of the last queue ends everything
                Arguments.of(List.of(join("ast", "support"), OFFER, CONNECT, leave("ast", "support")),
                        Presence.LOGGED_OUT, null)
        );
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("scenarios")
    void presence(List<Step> steps, Presence expected, String reason) {
        AgentStateMachine m = new AgentStateMachine("a1", T0);
        steps.forEach(s -> s.apply().accept(m));
        assertThat(m.status().presence()).isEqualTo(expected);
        assertThat(m.status().pauseReason()).isEqualTo(reason);
    }

    @Test
    void wrapUpHasADeadlineAndKeepsTheCall() {
        AgentStateMachine m = new AgentStateMachine("a1", T0);
        m.member("ast", "support", AgentState.AVAILABLE, false, null, T0);
        m.offered("c1", T0);
        m.connected("c1", T0.plusSeconds(5));
        AgentStatus s = m.completed("c1", T0.plusSeconds(65), WRAP);
        assertThat(s.callId()).isEqualTo("c1");
        assertThat(s.wrapUpUntil()).isEqualTo(T0.plusSeconds(95));
        assertThat(s.since()).isEqualTo(T0.plusSeconds(65));
    }

    @Test
    void restoredStateGivesWayToTheResync() {
        AgentStateMachine m = AgentStateMachine.restored("a1", Presence.PAUSED, "lunch", T0);
        assertThat(m.status().presence()).isEqualTo(Presence.PAUSED);
        m.forgetMembership("ast");
        assertThat(m.refresh(T0.plusSeconds(1)).presence()).isEqualTo(Presence.LOGGED_OUT);
    }

    @Test
    void aLateEndOfAnEarlierCallChangesNothing() {
        AgentStateMachine m = new AgentStateMachine("a1", T0);
        m.member("ast", "support", AgentState.AVAILABLE, false, null, T0);
        m.offered("c2", T0);
        m.connected("c2", T0);
        assertThat(m.completed("c1", T0, WRAP).presence()).isEqualTo(Presence.ON_CALL);
    }
}
