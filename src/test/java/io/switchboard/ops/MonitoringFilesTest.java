package io.switchboard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus scrapes the service, Grafana's dashboard queries only series the service exports, the image is sound. */
class MonitoringFilesTest {

    private static final Pattern SERIES = Pattern.compile("\\bswitchboard_[a-z0-9_]+");

    @Test
    void prometheusScrapesTheSwitchboardService() {
        JsonNode prometheus = RepoFiles.yaml(RepoFiles.DOCKER.resolve("prometheus/prometheus.yml"));
        List<String> targets = new ArrayList<>();
        prometheus.get("scrape_configs").forEach(job -> {
            if ("/q/metrics".equals(job.path("metrics_path").asText())) {
                job.get("static_configs").forEach(s -> s.get("targets").forEach(t -> targets.add(t.asText())));
            }
        });
        assertThat(targets).as("the management interface").contains("switchboard:9000");
        JsonNode compose = RepoFiles.yaml(RepoFiles.DOCKER.resolve("compose.yaml"));
        assertThat(ComposeFileTest.texts(compose.at("/services/prometheus/volumes")))
                .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    }

    @Test
    void dashboardQueriesOnlyExportedSeries() {
        Set<String> queried = queriedSeries();

        assertThat(queried).contains("switchboard_queue_waiting", "switchboard_queue_longest_current_wait_seconds",
                "switchboard_queue_service_level_percent", "switchboard_calls_active", "switchboard_routing_level",
                "switchboard_pbx_connected", "switchboard_pbx_breaker_open", "switchboard_cti_actions_seconds_count");
        assertThat(ExportedSeries.NAMES.keySet()).containsAll(queried);
    }

    @Test
    void everyListedSeriesIsRegisteredByTheCode() {
        String code = RepoFiles.mainSources();
        List<String> absent = new ArrayList<>();
        ExportedSeries.NAMES.forEach((series, literals) -> {
            for (String literal : literals) {
                if (!code.contains("\"" + literal + "\"")) {
                    absent.add(series + " (\"" + literal + "\")");
                }
            }
        });
        assertThat(absent).isEmpty();
    }

    @Test
    void grafanaIsProvisionedWithTheDatasourceTheDashboardUses() {
        JsonNode datasources = RepoFiles.yaml(RepoFiles.DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml"));
        JsonNode ds = datasources.get("datasources").get(0);
        assertThat(ds.get("url").asText()).isEqualTo("http://prometheus:9090");
        Set<String> uids = new TreeSet<>();
        dashboard().findValues("datasource").forEach(d -> uids.add(d.path("uid").asText()));
        assertThat(uids).containsExactly(ds.get("uid").asText());

        JsonNode providers = RepoFiles.yaml(RepoFiles.DOCKER.resolve("grafana/provisioning/dashboards/dashboards.yml"));
        String path = providers.at("/providers/0/options/path").asText();
        JsonNode compose = RepoFiles.yaml(RepoFiles.DOCKER.resolve("compose.yaml"));
        assertThat(ComposeFileTest.texts(compose.at("/services/grafana/volumes")))
                .contains("./grafana/dashboards:" + path + ":ro", "./grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void imageRunsAsAnUnprivilegedUserWithAReadinessCheck() {
        List<String> lines = RepoFiles.read(RepoFiles.DOCKER.resolve("Dockerfile")).lines().map(String::strip).toList();
        assertThat(lines).anyMatch(l -> l.matches("FROM eclipse-temurin:(21|25)-jre.*"));
        assertThat(lines).anyMatch(l -> l.matches("USER (?!root|0\\b).+"));
        assertThat(lines).anyMatch(l -> l.startsWith("HEALTHCHECK"));
        assertThat(lines).anyMatch(l -> l.contains("/q/health/ready") && l.contains("SWITCHBOARD_MANAGEMENT_PORT:-9000"));
        assertThat(lines).contains("EXPOSE 8080 9000 4573 8084");
        assertThat(lines).anyMatch(l -> l.contains("target/quarkus-app/"));
    }

    private static Set<String> queriedSeries() {
        List<String> exprs = new ArrayList<>();
        JsonNode d = dashboard();
        d.findValues("expr").forEach(e -> exprs.add(e.asText()));
        d.findValues("definition").forEach(e -> exprs.add(e.asText()));
        assertThat(exprs).hasSizeGreaterThan(10);
        Set<String> out = new TreeSet<>();
        for (String expr : exprs) {
            Matcher m = SERIES.matcher(expr);
            while (m.find()) {
                out.add(m.group());
            }
        }
        return out;
    }

    private static JsonNode dashboard() {
        try {
            return RepoFiles.JSON.readTree(RepoFiles.DOCKER.resolve("grafana/dashboards/switchboard.json").toFile());
        } catch (IOException e) {
            throw new AssertionError("dashboard JSON does not parse", e);
        }
    }
}
