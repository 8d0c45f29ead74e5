package io.switchboard.dialplans;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.security.Tenancy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * On the first start (no dialplan stored yet) the repository's dialplan files become version 1 of the
 * default tenant's dialplans:
 * {@code <source>/asterisk/*.conf} and {@code <source>/freeswitch/*.xml}, named by their base names.
 */
@ApplicationScoped
public class DialplanImport {

    private static final Logger LOG = Logger.getLogger(DialplanImport.class);
    static final String BY = "import";

    @Inject
    DialplanStore store;
    @Inject
    DialplanHistory history;
    @Inject
    DialplansConfig config;
    @Inject
    Tenancy tenancy;

    /** A file found in the source directory. */
    public record Source(String name, DialplanType type, String content, Path file) {
    }

    // after the migrations (priority 10)
    void onStart(@Observes @Priority(100) StartupEvent ev) {
        if (!store.empty()) {
            return;
        }
        List<Source> sources = read(Path.of(config.source()));
        for (Source s : sources) {
            store.save(tenancy.defaultTenant(), s.name(), s.type(), s.content(), 0, BY, "imported from " + s.file())
                    .ifPresent(v -> history.record(v.tenant(), new DialplanHistory.Entry(v.savedAt(), v.type().id(),
                            v.name(), DialplanHistory.SAVE, null, v.version(), null, "SAVED", v.comment(), BY)));
        }
        if (!sources.isEmpty()) {
            LOG.infof("imported %d dialplans from %s", sources.size(), config.source());
        }
    }

    /** The dialplan files under {@code dir}, by type then name; a missing directory has none. */
    public static List<Source> read(Path dir) {
        List<Source> out = new ArrayList<>();
        for (DialplanType type : DialplanType.values()) {
            Path sub = dir.resolve(type.id());
            if (!Files.isDirectory(sub)) {
                continue;
            }
            try (Stream<Path> files = Files.list(sub)) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (!Files.isRegularFile(f) || !file.endsWith(type.extension())) {
                        continue;
                    }
                    String name = file.substring(0, file.length() - type.extension().length());
                    if (!DialplanText.validName(name)) {
                        LOG.warnf("dialplan file %s skipped: its name is not a valid dialplan name", f);
                        continue;
                    }
                    out.add(new Source(name, type, Files.readString(f, StandardCharsets.UTF_8), f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading dialplans from " + sub + " failed", e);
            }
        }
        return out;
    }
}
