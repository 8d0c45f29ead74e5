package io.switchboard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PBX containers' secrets: every placeholder in a configuration tree is given by its
 * container's environment in compose.yaml, and docker/pbx/render-config.sh fills them all in (any
 * character a password may hold) or refuses to start the PBX with one left.
 */
class RenderConfigTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("__(SWITCHBOARD_[A-Z_]+)__");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"asterisk, asterisk-conf", "freeswitch, freeswitch-conf"})
    void everyPlaceholderComesFromTheContainersEnvironmentAndIsFilledIn(String service, String tree,
                                                                        @TempDir Path out) throws Exception {
        Set<String> placeholders = placeholders(RepoFiles.ROOT.resolve(tree));
        assertThat(placeholders).isNotEmpty();
        JsonNode env = RepoFiles.yaml(RepoFiles.DOCKER.resolve("compose.yaml")).at("/services/" + service + "/environment");
        Map<String, String> values = new HashMap<>();
        for (String name : placeholders) {
            assertThat(env.has(name)).as(service + " environment gives " + name).isTrue();
            values.put(name, "p|a&s\\s/" + name.toLowerCase()); // characters sed would otherwise read
        }

        Process p = render(RepoFiles.ROOT.resolve(tree), out.resolve("etc"), values);

        assertThat(p.waitFor()).as(new String(p.getErrorStream().readAllBytes())).isZero();
        assertThat(placeholders(out.resolve("etc"))).isEmpty();
        String rendered = readAll(out.resolve("etc"));
        values.values().forEach(v -> assertThat(rendered).contains(v));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"asterisk-conf", "freeswitch-conf"})
    void aMissingSecretStopsThePbxFromStarting(String tree, @TempDir Path out) throws Exception {
        Process p = render(RepoFiles.ROOT.resolve(tree), out.resolve("etc"), Map.of());

        assertThat(p.waitFor()).isNotZero();
        assertThat(new String(p.getErrorStream().readAllBytes())).contains("placeholders left");
    }

    private static Process render(Path src, Path dst, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sh", RepoFiles.DOCKER.resolve("pbx/render-config.sh").toString(),
                src.toString(), dst.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static Set<String> placeholders(Path tree) throws IOException {
        Matcher m = PLACEHOLDER.matcher(readAll(tree));
        Set<String> out = new TreeSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String readAll(Path tree) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sb.append(Files.readString(f)).append('\n');
            }
        }
        return sb.toString();
    }
}
