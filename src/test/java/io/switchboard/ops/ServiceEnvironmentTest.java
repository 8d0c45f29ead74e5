package io.switchboard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.switchboard.pbx.PbxConfig;
import io.switchboard.routing.RoutingConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The switchboard container's environment and docker/switchboard/application.properties name real
 * configuration: every variable is in the README's configuration tables, and the service's own
 * config mappings read the PBX nodes and routing servers the compose file means.
 */
class ServiceEnvironmentTest {

    private static final Path PROPERTIES = RepoFiles.DOCKER.resolve("switchboard/application.properties");
    // set by the image itself (docker/Dockerfile), not configuration of the service
    private static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS_APPEND");
    private static final Pattern ENV_CELL = Pattern.compile("`((?:SWITCHBOARD|QUARKUS|KAFKA)_[A-Z0-9_<>]+|_[A-Z0-9_]+)`");

    @Test
    void everyVariableIsDocumentedConfiguration() {
        List<Pattern> documented = readmeVariables();
        List<String> unknown = new ArrayList<>();
        environment().keySet().forEach(name -> {
            if (!IMAGE_VARIABLES.contains(name) && documented.stream().noneMatch(p -> p.matcher(name).matches())) {
                unknown.add(name);
            }
        });
        assertThat(documented).hasSizeGreaterThan(50);
        assertThat(unknown).isEmpty();
    }

    @Test
    void theServiceReadsBothPbxNodesFromEnvironmentAndTopology() {
        SmallRyeConfig config = config();
        Map<String, PbxConfig.Node> nodes = config.getConfigMapping(PbxConfig.class).nodes();

        assertThat(nodes).containsOnlyKeys("pbx-a", "fs-a");
        PbxConfig.Node asterisk = nodes.get("pbx-a");
        assertThat(List.of(asterisk.type(), asterisk.host(), asterisk.username(), asterisk.secret()))
                .containsExactly("asterisk", "asterisk", "switchboard", ComposeRun.SECRETS.get("AMI_SECRET"));
        assertThat(asterisk.port()).isEqualTo(Optional.of(5038));
        PbxConfig.Node freeswitch = nodes.get("fs-a");
        assertThat(List.of(freeswitch.type(), freeswitch.host(), freeswitch.secret()))
                .containsExactly("freeswitch", "freeswitch", ComposeRun.SECRETS.get("ESL_PASSWORD"));
        assertThat(freeswitch.port()).isEqualTo(Optional.of(8021));
    }

    @Test
    void routingServersListenOnTheComposeNetwork() {
        RoutingConfig routing = config().getConfigMapping(RoutingConfig.class);

        assertThat(routing.agi().host()).isEqualTo("0.0.0.0");
        assertThat(routing.agi().port()).isEqualTo(4573);
        assertThat(routing.socket().host()).isEqualTo("0.0.0.0");
        assertThat(routing.socket().port()).isEqualTo(8084);
        assertThat(routing.load().lineCapacity()).containsOnlyKeys("pbx-a", "fs-a");
    }

    @Test
    void topologyKeysBelongToTheServicesConfigMappings() {
        Set<String> prefixes = RepoFiles.configMappings().keySet();
        List<String> unmapped = new ArrayList<>();
        for (String key : properties().stringPropertyNames()) {
            if (!key.startsWith("switchboard.dialplans.") && prefixes.stream().noneMatch(p -> key.startsWith(p + "."))) {
                unmapped.add(key);
            }
        }
        assertThat(unmapped).isEmpty();
    }

    @Test
    void dialplanDirectoriesAreKeysOfTheDialplansMapping() throws Exception {
        String mapping = RepoFiles.configMappings().get("switchboard.dialplans");
        assumeTrue(mapping != null, "no @ConfigMapping for switchboard.dialplans in this build");
        Class<?> type = Class.forName(mapping);
        Properties dialplans = new Properties();
        properties().forEach((k, v) -> {
            if (k.toString().startsWith("switchboard.dialplans.")) {
                dialplans.put(k, v);
            }
        });
        assertThat(dialplans).containsKeys("switchboard.dialplans.nodes.pbx-a.directory",
                "switchboard.dialplans.nodes.fs-a.directory", "switchboard.dialplans.source");

        // unknown keys under a mapped prefix fail the build of the configuration
        new SmallRyeConfigBuilder().withMapping(type).withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(toMap(dialplans), "topology", 260)).build();
    }

    private static SmallRyeConfig config() {
        return new SmallRyeConfigBuilder()
                .withMapping(PbxConfig.class).withMapping(RoutingConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                // the ordinals Quarkus gives them: environment 300, config/application.properties 260
                .withSources(new EnvConfigSource(environment(), 300),
                        new PropertiesConfigSource(toMap(withoutDialplans(properties())), "topology", 260))
                .build();
    }

    /** The switchboard service's environment as docker-compose resolves it. */
    private static Map<String, String> environment() {
        ComposeRun run = ComposeRun.config(ComposeRun.SECRETS);
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode env = RepoFiles.yaml(run.out()).at("/services/switchboard/environment");
        Map<String, String> out = new HashMap<>();
        env.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Properties properties() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(RepoFiles.read(PROPERTIES)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    // dialplan keys are checked against their own mapping (above); this build may not have it yet
    private static Properties withoutDialplans(Properties p) {
        Properties out = new Properties();
        p.forEach((k, v) -> {
            if (!k.toString().startsWith("switchboard.dialplans.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> out = new HashMap<>();
        p.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }

    /** The env var column of the README's tables, {@code <NODE>} as a wildcard, `_X` shorthands expanded. */
    static List<Pattern> readmeVariables() {
        Set<String> names = new TreeSet<>();
        for (String line : RepoFiles.read(RepoFiles.ROOT.resolve("README.md")).lines().toList()) {
            String[] cells = line.split("\\|");
            if (!line.startsWith("|") || cells.length < 3) {
                continue;
            }
            Matcher m = ENV_CELL.matcher(cells[2]);
            String first = null;
            while (m.find()) {
                String name = m.group(1);
                if (name.startsWith("_")) {
                    if (first != null) {
                        names.add(first.substring(0, first.lastIndexOf('_')) + name);
                    }
                } else {
                    first = name;
                    names.add(name);
                }
            }
        }
        return names.stream().map(n -> Pattern.compile(Pattern.quote(n).replace("<NODE>", "\\E[A-Z0-9_]+\\Q")))
                .toList();
    }
}
