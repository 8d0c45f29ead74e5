package io.switchboard.dialplans;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator tables' one check: the problems, in order, as {@code "<line>: <message start>"}. */
final class ProblemLines {

    private ProblemLines() {
    }

    static void assertProblems(List<Problem> problems, List<String> expected) {
        assertThat(problems).as(problems.toString()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String e = expected.get(i);
            int colon = e.indexOf(": ");
            assertThat(problems.get(i).line()).as(problems.get(i).toString())
                    .isEqualTo(Integer.parseInt(e.substring(0, colon)));
            assertThat(problems.get(i).message()).startsWith(e.substring(colon + 2));
        }
    }
}
