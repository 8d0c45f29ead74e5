package io.switchboard.simulator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Command lines split as res_agi's parse_args does. */
class FastAgiClientTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("SET VARIABLE ROUTE \"inbound,s,1\"", List.of("SET", "VARIABLE", "ROUTE", "inbound,s,1")),
                Arguments.of("SET VARIABLE \"ROUTE\" \"queues,support,1\"",
                        List.of("SET", "VARIABLE", "ROUTE", "queues,support,1")),
                Arguments.of("SET VARIABLE X \"\"", List.of("SET", "VARIABLE", "X", "")),
                Arguments.of("SET VARIABLE X \"say \\\"hi\\\"\"", List.of("SET", "VARIABLE", "X", "say \"hi\"")),
                Arguments.of("GET  VARIABLE   CHANNEL(linkedid)", List.of("GET", "VARIABLE", "CHANNEL(linkedid)")),
                Arguments.of("VERBOSE \"fastagi stub routed call\" 1", List.of("VERBOSE", "fastagi stub routed call", "1")));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void splits(String line, List<String> expected) {
        assertThat(FastAgiClient.split(line)).containsExactlyElementsOf(expected);
    }
}
