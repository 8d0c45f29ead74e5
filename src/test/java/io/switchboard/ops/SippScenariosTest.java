package io.switchboard.ops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIPp load-test scenarios are well-formed, use only the values scripts/sipp-load fills in, and
 * read only the columns their injection files have. (SIPp itself is not needed to run this.)
 */
class SippScenariosTest {

    private static final Path SIPP = RepoFiles.ROOT.resolve("scripts/sipp");
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");
    private static final Pattern FILLED = Pattern.compile("s/@([A-Z_]+)@/");
    private static final Pattern FIELD = Pattern.compile("\\[field(\\d+)]");

    @ParameterizedTest
    @CsvSource({"uac-inbound.xml, callers.csv", "register-agents.xml, agents-asterisk.csv",
            "register-agents.xml, agents-freeswitch.csv", "uas-agent.xml, ''"})
    void scenarioIsWellFormedAndFedByTheWrapper(String scenario, String injection) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // the scenarios name SIPp's DTD, which is not here: parse without loading it
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Document doc = f.newDocumentBuilder().parse(SIPP.resolve(scenario).toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("scenario");

        String text = RepoFiles.read(SIPP.resolve(scenario));
        assertThat(placeholders(text)).isSubsetOf(filledByWrapper());

        int columns = injection.isEmpty() ? 0 : columns(injection);
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).as(scenario + " " + m.group()).isLessThan(columns);
        }
    }

    private static int columns(String injection) {
        List<String> lines = RepoFiles.read(SIPP.resolve(injection)).lines().toList();
        assertThat(lines.get(0)).isIn("SEQUENTIAL", "RANDOM", "USER");
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).isNotEmpty();
        Set<Integer> widths = new TreeSet<>();
        rows.forEach(r -> widths.add(r.split(";", -1).length));
        assertThat(widths).as(injection + " rows of one width").hasSize(1);
        return widths.iterator().next();
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> filledByWrapper() {
        Set<String> out = new TreeSet<>();
        Matcher m = FILLED.matcher(RepoFiles.read(RepoFiles.ROOT.resolve("scripts/sipp-load")));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
