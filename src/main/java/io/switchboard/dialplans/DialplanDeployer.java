package io.switchboard.dialplans;

import io.switchboard.cti.CtiConfig;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.pbx.PbxReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts a dialplan version on the given PBX nodes of its type that have a dialplan directory: the file is
 * written whole (temp file, then a rename, so a reload never reads half a file) and the node is
 * asked to reload its dialplan ({@link PbxCommand.ReloadDialplan}) within the CTI deadline.
 */
@ApplicationScoped
public class DialplanDeployer {

    private static final Logger LOG = Logger.getLogger(DialplanDeployer.class);

    public enum Outcome { DEPLOYED, WRITE_FAILED, RELOAD_FAILED, TIMEOUT, UNAVAILABLE }

    /** What happened on one node. */
    public record NodeOutcome(String node, Outcome outcome, String message, String file) {
    }

    @Inject
    DialplansConfig config;
    @Inject
    PbxRegistry registry;
    @Inject
    CtiConfig cti;

    /**
     * The nodes a dialplan of this type can go to: those with a dialplan directory, except nodes of
     * the other PBX type (a directory for a node that is not configured stays, and is reported unavailable).
     */
    public Set<String> candidates(DialplanType type) {
        Set<String> out = new TreeSet<>();
        config.nodes().forEach((node, settings) -> {
            Optional<String> dir = settings.directory();
            if (dir.isPresent() && !dir.get().isBlank() && registry.control(node)
                    .map(c -> type.id().equals(c.pbxType())).orElse(true)) {
                out.add(node);
            }
        });
        return out;
    }

    /**
     * Deploys to those of {@code nodes} that are {@link #candidates}; blocks the calling worker thread
     * until every node answered or its deadline passed.
     */
    public List<NodeOutcome> deploy(DialplanStore.Version v, Set<String> nodes) {
        Duration deadline = cti.deadline();
        List<NodeOutcome> out = new ArrayList<>();
        Map<String, CompletableFuture<PbxReply>> reloads = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        Set<String> targets = candidates(v.type());
        targets.retainAll(nodes);
        for (String node : targets) {
            Optional<CallControl> control = registry.control(node);
            if (control.isEmpty()) {
                out.add(new NodeOutcome(node, Outcome.UNAVAILABLE, "not a configured PBX node", null));
                continue;
            }
            Path file = Path.of(config.nodes().get(node).directory().orElseThrow())
                    .resolve(v.name() + v.type().extension());
            try {
                write(file, v.content());
            } catch (IOException | RuntimeException e) {
                LOG.warnf("writing dialplan %s to %s failed: %s", v.name(), file, e.toString());
                out.add(new NodeOutcome(node, Outcome.WRITE_FAILED, e.toString(), file.toString()));
                continue;
            }
            files.put(node, file);
            reloads.put(node, control.get().execute(new PbxCommand.ReloadDialplan(), deadline));
        }
        reloads.forEach((node, reload) -> out.add(outcome(node, files.get(node).toString(), reload, deadline)));
        return out;
    }

    private static NodeOutcome outcome(String node, String file, CompletableFuture<PbxReply> reload, Duration deadline) {
        try {
            // the command has its own deadline; the margin only guards against a future never completed
            PbxReply r = reload.get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
            String message = r.data().getOrDefault("output", r.message());
            return new NodeOutcome(node, r.success() ? Outcome.DEPLOYED : Outcome.RELOAD_FAILED, message, file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NodeOutcome(node, Outcome.TIMEOUT, "interrupted while waiting for the reload", file);
        } catch (TimeoutException e) {
            return new NodeOutcome(node, Outcome.TIMEOUT, "no answer to the reload within " + deadline.toMillis()
                    + " ms", file);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Outcome o = cause instanceof TimeoutException ? Outcome.TIMEOUT
                    : cause instanceof NodeUnavailableException ? Outcome.UNAVAILABLE : Outcome.RELOAD_FAILED;
            return new NodeOutcome(node, o, cause.getMessage() == null ? cause.toString() : cause.getMessage(), file);
        }
    }

    /** The whole file appears at once: written beside its place, then renamed over it. */
    static void write(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
