package io.switchboard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/compose.yaml is valid for docker-compose, refuses to start without its secrets, mounts only
 * files that exist in the repository, and declares the services the operations guide names.
 */
class ComposeFileTest {

    private static final Set<String> SERVICES = Set.of("mysql", "kafka", "asterisk", "freeswitch", "switchboard",
            "prometheus", "grafana");

    @Test
    void composeFileIsValid() {
        ComposeRun run = ComposeRun.config(ComposeRun.SECRETS);

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode resolved = RepoFiles.yaml(run.out());
        assertThat(names(resolved.get("services"))).containsAll(SERVICES);
        assertThat(resolved.at("/services/switchboard/environment/SWITCHBOARD_PBX_PBX_A_SECRET").asText())
                .isEqualTo("ami-test-secret");
    }

    @Test
    void kafkaProfileIsValidAndOnlyStartsWithTheProfile() {
        ComposeRun run = ComposeRun.config(ComposeRun.SECRETS, "--profile", "kafka");
        assertThat(run.exit()).as(run.err()).isZero();

        JsonNode services = RepoFiles.yaml(RepoFiles.DOCKER.resolve("compose.yaml")).get("services");
        assertThat(texts(services.at("/kafka/profiles"))).containsExactly("kafka");
        // a service outside the profile may not need kafka, or `up` without the profile would fail
        services.fields().forEachRemaining(s -> {
            if (s.getValue().get("profiles") == null) {
                assertThat(names(s.getValue().get("depends_on"))).as(s.getKey()).doesNotContain("kafka");
            }
        });
        assertThat(services.at("/switchboard/environment/KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
        assertThat(services.at("/switchboard/environment/QUARKUS_PROFILE").asText()).contains("SWITCHBOARD_PROFILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SWITCHBOARD_DB_PASSWORD", "MYSQL_ROOT_PASSWORD", "AMI_SECRET", "ESL_PASSWORD",
            "SWITCHBOARD_SESSION_KEY", "GRAFANA_ADMIN_PASSWORD", "PHONE_PASSWORD", "TRUNK_USERNAME", "TRUNK_PASSWORD"})
    void refusesToRunWithoutASecret(String secret) {
        Map<String, String> env = new HashMap<>(ComposeRun.SECRETS);
        env.remove(secret);

        ComposeRun run = ComposeRun.config(env);

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains(secret);
    }

    @Test
    void secretsHaveNoDefaultsAndTheExampleHasNoValues() {
        String compose = RepoFiles.read(RepoFiles.DOCKER.resolve("compose.yaml"));
        for (String secret : ComposeRun.SECRETS.keySet()) {
            assertThat(compose).as(secret).doesNotContain("${" + secret + ":-").doesNotContain("${" + secret + "-")
                    .contains("${" + secret + ":?");
        }
        List<String> lines = RepoFiles.read(RepoFiles.DOCKER.resolve(".env.example")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        for (String secret : ComposeRun.SECRETS.keySet()) {
            assertThat(lines).as("docker/.env.example names " + secret + " without a value").contains(secret + "=");
        }
        assertThat(RepoFiles.read(RepoFiles.ROOT.resolve(".gitignore"))).contains("docker/.env");
    }

    @Test
    void everyBindMountSourceIsInTheRepository() {
        JsonNode compose = RepoFiles.yaml(RepoFiles.DOCKER.resolve("compose.yaml"));
        Set<String> named = names(compose.get("volumes"));
        List<String> missing = new ArrayList<>();
        compose.get("services").fields().forEachRemaining(s -> {
            for (String volume : texts(s.getValue().get("volumes"))) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith(".") || source.startsWith("/")) {
                    Path p = RepoFiles.DOCKER.resolve(source).normalize();
                    if (!p.startsWith(RepoFiles.ROOT) || !Files.exists(p)) {
                        missing.add(s.getKey() + ": " + source);
                    }
                } else if (!named.contains(source)) {
                    missing.add(s.getKey() + ": undeclared volume " + source);
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void pbxContainersMountTheSharedConfigurationPaths() {
        JsonNode services = RepoFiles.yaml(RepoFiles.DOCKER.resolve("compose.yaml")).get("services");
        // the configuration trees are copied into place by render-config.sh, which fills in the secrets
        assertThat(texts(services.at("/asterisk/volumes"))).contains(
                "../asterisk-conf:/opt/switchboard/asterisk-conf:ro", "./pbx/render-config.sh:/opt/switchboard/render-config.sh:ro",
                "../dialplans/asterisk:/etc/asterisk/dialplans");
        assertThat(texts(services.at("/asterisk/entrypoint")).toString())
                .contains("render-config.sh /opt/switchboard/asterisk-conf /etc/asterisk");
        assertThat(texts(services.at("/freeswitch/volumes")))
                .contains("../dialplans/freeswitch:/etc/freeswitch/dialplan/switchboard",
                        "../freeswitch-conf:/opt/switchboard/freeswitch-conf:ro");
        assertThat(texts(services.at("/freeswitch/entrypoint")).toString())
                .contains("render-config.sh /opt/switchboard/freeswitch-conf /etc/freeswitch");
        // the service writes deployed dialplans where the PBX containers read them
        assertThat(texts(services.at("/switchboard/volumes"))).contains(
                "../dialplans/asterisk:/var/lib/switchboard/dialplans/pbx-a",
                "../dialplans/freeswitch:/var/lib/switchboard/dialplans/fs-a");
    }

    static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
