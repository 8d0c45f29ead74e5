package io.switchboard.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Not a @QuarkusTest: the rewrite is a pure function of the document and the fragment. */
class PerformanceDocTest {

    private static final String DOC = """
            # Performance\r
            Text before, with trailing spaces   \s
            <!-- bench:ami:begin -->
            | old | table |
            |---|---|
            <!-- bench:ami:end -->
            Reading them: *keep* this — ünïcode too.

            <!-- bench:esl:begin -->
            old esl
            <!-- bench:esl:end -->
            tail without newline""";

    @Test
    void replacesOnlyBetweenTheMarkersOfTheNamedSection() {
        String out = PerformanceDoc.replace(DOC, "ami", "Measured today.\n\n| new | table |\n|---|---|\n| 1 | 2 |\n");

        assertThat(out).isEqualTo(DOC.replace("| old | table |\n|---|---|\n",
                "Measured today.\n\n| new | table |\n|---|---|\n| 1 | 2 |\n"));
        assertThat(out).contains("old esl");
    }

    @Test
    void keepsEverythingOutsideTheMarkersByteForByte() {
        String out = PerformanceDoc.replace(DOC, "esl", "new esl");

        int b = DOC.indexOf("<!-- bench:esl:begin -->") + "<!-- bench:esl:begin -->".length();
        int e = DOC.indexOf("<!-- bench:esl:end -->");
        assertThat(out.substring(0, b)).isEqualTo(DOC.substring(0, b));
        assertThat(out.substring(out.indexOf("<!-- bench:esl:end -->"))).isEqualTo(DOC.substring(e));
        assertThat(out.substring(b, out.indexOf("<!-- bench:esl:end -->"))).isEqualTo("\nnew esl\n");
    }

    @Test
    void runningTwiceGivesTheSameDocument() {
        String once = PerformanceDoc.replace(DOC, "ami", "x\n");

        assertThat(PerformanceDoc.replace(once, "ami", "x\n")).isEqualTo(once);
    }

    @Test
    void failsClearlyOnAMissingMarker() {
        assertThatThrownBy(() -> PerformanceDoc.replace(DOC, "soak", "figures"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<!-- bench:soak:begin -->").hasMessageContaining("not found");
        String noEnd = DOC.replace("<!-- bench:ami:end -->", "");
        assertThatThrownBy(() -> PerformanceDoc.replace(noEnd, "ami", "figures"))
                .hasMessageContaining("<!-- bench:ami:end -->").hasMessageContaining("not found");
    }

    @Test
    void rejectsRepeatedOrSwappedMarkersAndMarkersInTheFigures() {
        assertThatThrownBy(() -> PerformanceDoc.replace(DOC + "\n<!-- bench:ami:begin -->", "ami", "x"))
                .hasMessageContaining("more than once");
        String swapped = "<!-- bench:ami:end -->\n<!-- bench:ami:begin -->\n";
        assertThatThrownBy(() -> PerformanceDoc.replace(swapped, "ami", "x")).hasMessageContaining("comes before");
        assertThatThrownBy(() -> PerformanceDoc.replace(DOC, "ami", "<!-- bench:esl:end -->"))
                .hasMessageContaining("contain a section marker");
    }

    @Test
    void mainRewritesTheDocumentFromTheFragmentsAndLeavesItUnchangedOtherwise(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("performance.md");
        Files.writeString(doc, DOC);
        Path fragments = Files.createDirectories(dir.resolve("bench"));
        Files.writeString(fragments.resolve("esl.md"), "fresh esl figures\n");

        PerformanceDoc.main(new String[] {doc.toString(), fragments.toString(), "esl"});

        assertThat(Files.readString(doc)).isEqualTo(PerformanceDoc.replace(DOC, "esl", "fresh esl figures"));
    }

    @Test
    void failsClearlyOnAMissingFragment(@TempDir Path dir) {
        assertThatThrownBy(() -> PerformanceDoc.rewrite(DOC, dir, java.util.List.of("ami")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no figures for 'ami'");
    }
}
