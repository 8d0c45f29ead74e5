package io.switchboard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code docker-compose} (v1) against docker/compose.yaml; only {@code config}, no engine needed. */
record ComposeRun(int exit, String out, String err) {

    /** Values for every secret the compose file refuses to run without; none of them real. */
    static final Map<String, String> SECRETS = Map.of(
            "SWITCHBOARD_DB_PASSWORD", "db-test-password",
            "MYSQL_ROOT_PASSWORD", "root-test-password",
            "AMI_SECRET", "ami-test-secret",
            "ESL_PASSWORD", "esl-test-password",
            "SWITCHBOARD_SESSION_KEY", "session-key-for-tests-only-0123456789abcdef",
            "GRAFANA_ADMIN_PASSWORD", "grafana-test-password",
            "PHONE_PASSWORD", "phone-test-password",
            "TRUNK_USERNAME", "trunk-test-user",
            "TRUNK_PASSWORD", "trunk-test-password");

    static ComposeRun config(Map<String, String> env, String... extra) {
        try {
            // an empty env file, so a developer's docker/.env cannot make a test pass or fail
            Path envFile = Files.createTempFile("compose-test", ".env");
            Path out = Files.createTempFile("compose-test", ".out");
            Path err = Files.createTempFile("compose-test", ".err");
            try {
                List<String> cmd = new ArrayList<>(List.of("docker-compose", "--env-file", envFile.toString(),
                        "-f", RepoFiles.DOCKER.resolve("compose.yaml").toString()));
                cmd.addAll(List.of(extra));
                cmd.add("config");
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(RepoFiles.ROOT.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().keySet().removeAll(SECRETS.keySet());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("docker-compose config did not finish within 60 s");
                }
                return new ComposeRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(envFile);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("docker-compose not runnable (scripts/ensure-docker-compose installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
