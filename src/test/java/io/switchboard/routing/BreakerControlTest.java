package io.switchboard.routing;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.LegRef;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import io.switchboard.pbx.UnsafePbxValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What counts against a node's breaker (request volume 4, ratio 0.5; the delay is long, so an
 * open breaker stays open here). The node is a fake that answers with the row's outcome.
 */
class BreakerControlTest {

    static final PbxCommand HANGUP = new PbxCommand.Hangup(new LegRef("1.1", "PJSIP/1001-00000001"));

    /** A node answering every command with {@code outcome}, counting what reached it. */
    static final class FakeNode implements CallControl {
        Supplier<CompletableFuture<PbxReply>> outcome;
        final List<PbxCommand> wire = new ArrayList<>();

        FakeNode(Supplier<CompletableFuture<PbxReply>> outcome) {
            this.outcome = outcome;
        }

        @Override
        public String nodeId() {
            return "pa";
        }

        @Override
        public String pbxType() {
            return "asterisk";
        }

        @Override
        public boolean connected() {
            return true;
        }

        @Override
        public CompletableFuture<PbxReply> execute(PbxCommand command, Duration deadline) {
            wire.add(command);
            return outcome.get();
        }

        @Override
        public CompletableFuture<List<AgentStateChanged>> agentStates(Duration deadline) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<List<io.switchboard.calls.LiveChannel>> liveChannels(Duration deadline) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void onConnected(Runnable listener) {
        }
    }

    record Stat(long nanos, boolean failed) {
    }

    static final RoutingConfig.Breaker SETTINGS = new RoutingConfig.Breaker() {
        public int requestVolume() {
            return 4;
        }

        public double failureRatio() {
            return 0.5;
        }

        public Duration delay() {
            return Duration.ofHours(1);
        }

        public int successThreshold() {
            return 2;
        }
    };

    final List<CircuitBreakerState> states = new ArrayList<>();
    final List<Stat> stats = new ArrayList<>();

    BreakerControl wrap(FakeNode node) {
        return new BreakerControl(node, NodeBreakers.guard("pa", SETTINGS, states::add),
                (n, nanos, failed) -> stats.add(new Stat(nanos, failed)));
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("the PBX refuses (Response: Error): the node works", (Supplier<CompletableFuture<PbxReply>>)
                        () -> CompletableFuture.completedFuture(PbxReply.failed("No such channel")), false, false),
                Arguments.of("success", (Supplier<CompletableFuture<PbxReply>>)
                        () -> CompletableFuture.completedFuture(PbxReply.ok("Channel Hungup")), false, false),
                Arguments.of("bad input refused before sending", (Supplier<CompletableFuture<PbxReply>>)
                        () -> CompletableFuture.failedFuture(new UnsafePbxValueException("line break")), false, true),
                Arguments.of("no reply within the deadline", (Supplier<CompletableFuture<PbxReply>>)
                        () -> CompletableFuture.failedFuture(new TimeoutException()), true, true),
                Arguments.of("node not connected", (Supplier<CompletableFuture<PbxReply>>)
                        () -> CompletableFuture.failedFuture(new NodeUnavailableException("AMI node pa is not connected")),
                        true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void fourInARowOpenTheBreakerOnlyWhenTheyAreTheNodesFault(String name, Supplier<CompletableFuture<PbxReply>> outcome,
                                                              boolean opens, boolean failed) {
        FakeNode node = new FakeNode(outcome);
        BreakerControl control = wrap(node);

        for (int i = 0; i < 4; i++) {
            CompletableFuture<PbxReply> r = control.execute(HANGUP, Duration.ofSeconds(1));
            assertThat(r.isCompletedExceptionally()).isEqualTo(failed);
        }

        assertThat(node.wire).hasSize(4);
        assertThat(states).isEqualTo(opens ? List.of(CircuitBreakerState.OPEN) : List.of());
        assertThat(stats).hasSize(4).allMatch(s -> s.failed() == failed);
        CompletableFuture<PbxReply> fifth = control.execute(HANGUP, Duration.ofSeconds(1));
        if (opens) {
            assertThatThrownBy(fifth::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(NodeUnavailableException.class).hasMessageContaining("circuit open for PBX node pa");
            assertThat(node.wire).as("nothing sent while open").hasSize(4);
            assertThat(stats.getLast().failed()).isTrue();
        } else {
            assertThat(node.wire).hasSize(5);
        }
    }

    @Test
    void heartbeatsAndResyncPassAnOpenBreaker() {
        FakeNode node = new FakeNode(() -> CompletableFuture.failedFuture(new TimeoutException()));
        BreakerControl control = wrap(node);
        for (int i = 0; i < 4; i++) {
            control.execute(HANGUP, Duration.ofSeconds(1));
        }
        assertThat(states).containsExactly(CircuitBreakerState.OPEN);
        int recorded = stats.size();

        node.outcome = () -> CompletableFuture.completedFuture(PbxReply.ok(null));
        assertThat(control.execute(new PbxCommand.Ping(), Duration.ofSeconds(1)).join().success()).isTrue();
        assertThat(node.wire.getLast()).isInstanceOf(PbxCommand.Ping.class);
        assertThat(control.agentStates(Duration.ofSeconds(1)).join()).isEmpty();
        assertThat(stats).as("heartbeats are not command statistics").hasSize(recorded);
        assertThat(control.execute(HANGUP, Duration.ofSeconds(1))).isCompletedExceptionally();
    }

    @Test
    void oneFailureInFourDoesNotOpenIt() {
        int[] n = {0};
        FakeNode node = new FakeNode(() -> n[0]++ % 4 == 0 ? CompletableFuture.failedFuture(new TimeoutException())
                : CompletableFuture.completedFuture(PbxReply.ok("ok")));
        BreakerControl control = wrap(node);
        for (int i = 0; i < 12; i++) {
            control.execute(HANGUP, Duration.ofSeconds(1));
        }
        assertThat(states).isEmpty();
        assertThat(node.wire).hasSize(12);
        assertThat(stats.stream().filter(Stat::failed)).hasSize(3);
    }
}
