package io.switchboard.dialplans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the first start imports from the dialplan directory, and that a deployment writes whole files. */
class DialplanImportTest {

    @Test
    void readsConfAndXmlFilesByTypeAndName(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("asterisk"));
        Files.createDirectories(dir.resolve("freeswitch"));
        Files.writeString(dir.resolve("asterisk/queues.conf"), "[queues]\n");
        Files.writeString(dir.resolve("asterisk/inbound.conf"), "[inbound]\n");
        Files.writeString(dir.resolve("asterisk/README.md"), "not a dialplan");
        Files.writeString(dir.resolve("asterisk/bad name.conf"), "[x]\n");
        Files.writeString(dir.resolve("freeswitch/inbound.xml"), "<include/>");
        Files.writeString(dir.resolve("freeswitch/inbound.conf"), "[wrong type]\n");

        List<DialplanImport.Source> read = DialplanImport.read(dir);

        assertThat(read).extracting(s -> s.type().id() + ":" + s.name() + "=" + s.content().trim())
                .containsExactly("asterisk:inbound=[inbound]", "asterisk:queues=[queues]",
                        "freeswitch:inbound=<include/>");
    }

    @Test
    void aMissingDirectoryImportsNothing(@TempDir Path dir) {
        assertThat(DialplanImport.read(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void theTestFixturesAreValid() {
        for (DialplanType type : DialplanType.values()) {
            List<DialplanImport.Source> set = DialplanImport.read(Path.of("src/test/resources/dialplans")).stream()
                    .filter(s -> s.type() == type).toList();
            assertThat(set).hasSize(2);
            for (DialplanImport.Source s : set) {
                List<String> others = set.stream().filter(o -> o != s).map(DialplanImport.Source::content).toList();
                assertThat(DialplanValidator.validate(type, s.content(), others, new DialplanValidator.Known(
                        java.util.Set.of(), java.util.Set.of("support", "sales"), 100_000))).as(s.name()).isEmpty();
            }
        }
    }

    @Test
    void aDeployedFileReplacesTheOldOneWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nodes/a/inbound.conf");
        DialplanDeployer.write(file, "[old]\n");
        DialplanDeployer.write(file, "[new]\n");
        assertThat(Files.readString(file)).isEqualTo("[new]\n");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("inbound.conf");
        }
    }
}
