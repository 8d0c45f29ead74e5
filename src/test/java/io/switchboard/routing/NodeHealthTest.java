package io.switchboard.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health of one node, missed heartbeats allowed 2: each row is a sequence of what happened
 * (c+ connected, c- connection lost, ok answered heartbeat, miss unanswered heartbeat) and the
 * health, misses and problem after it.
 */
class NodeHealthTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("never connected", "", false, 0, "not connected"),
                Arguments.of("connected, nothing asked yet", "c+", true, 0, null),
                Arguments.of("one heartbeat missed is tolerated", "c+ miss", true, 1, null),
                Arguments.of("two missed in a row: failed", "c+ miss miss", false, 2, "missed 2 heartbeats"),
                Arguments.of("an answer in between resets the count", "c+ miss ok miss", true, 1, null),
                Arguments.of("an answer after failing heals", "c+ miss miss miss ok", true, 0, null),
                Arguments.of("connection lost: failed whatever the heartbeats", "c+ ok c-", false, 0, "not connected"),
                Arguments.of("a new login starts without old misses", "c+ miss miss c- c+", true, 0, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void healthFromConnectionAndHeartbeats(String name, String history, boolean healthy, int missed, String problem) {
        NodeHealth h = new NodeHealth("pa", 2);
        for (String e : history.split(" ")) {
            switch (e) {
                case "c+" -> h.connected(true);
                case "c-" -> h.connected(false);
                case "ok", "miss" -> {
                    assertThat(h.startPing()).as("a heartbeat may go out").isTrue();
                    h.pinged(e.equals("ok"));
                }
                case "" -> {
                }
                default -> throw new IllegalArgumentException(e);
            }
        }
        assertThat(h.healthy()).isEqualTo(healthy);
        assertThat(h.missed()).isEqualTo(missed);
        assertThat(h.problem()).isEqualTo(problem);
    }

    @org.junit.jupiter.api.Test
    void oneHeartbeatAtATimeAndNoneWhileDisconnected() {
        NodeHealth h = new NodeHealth("pa", 2);
        assertThat(h.startPing()).isFalse();
        h.connected(true);
        assertThat(h.startPing()).isTrue();
        assertThat(h.startPing()).as("the previous one is still out").isFalse();
        h.pinged(true);
        assertThat(h.startPing()).isTrue();
    }
}
