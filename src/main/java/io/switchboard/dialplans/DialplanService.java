package io.switchboard.dialplans;

import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentRoster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates, saves, deploys and rolls back a tenant's dialplans; every change is audited in
 * {@link DialplanHistory}. Which nodes a tenant may deploy to is the caller's check.
 */
@ApplicationScoped
public class DialplanService {

    @Inject
    DialplanStore store;
    @Inject
    DialplanHistory history;
    @Inject
    DialplanDeployer deployer;
    @Inject
    DialplansConfig config;
    @Inject
    AgentRoster roster;

    /** A save refused: either the text has problems or someone saved in between. */
    public sealed interface SaveResult {
        record Saved(DialplanStore.Version version) implements SaveResult {
        }

        record Invalid(List<Problem> problems) implements SaveResult {
        }

        record Conflict(int current) implements SaveResult {
        }
    }

    public record Deployment(String name, String type, int version, List<DialplanDeployer.NodeOutcome> nodes) {
    }

    /**
     * Problems of {@code content} as dialplan {@code name}, checked against the tenant's other stored
     * dialplans of its type (the ones its nodes run beside it).
     */
    public List<Problem> validate(String tenant, String name, DialplanType type, String content) {
        List<String> others = store.latestAll(tenant, type).stream().filter(v -> !v.name().equals(name))
                .map(DialplanStore.Version::content).toList();
        return DialplanValidator.validate(type, content, others, known(type));
    }

    public DialplanValidator.Known known(DialplanType type) {
        List<String> builtin = type == DialplanType.ASTERISK ? config.asteriskContexts() : config.freeswitchContexts();
        return new DialplanValidator.Known(Set.copyOf(builtin), queues(), config.maxBytes());
    }

    /** The configured queues and every queue an agent is in. */
    public Set<String> queues() {
        Set<String> queues = new TreeSet<>(config.knownQueues());
        for (Agent a : roster.all()) {
            queues.addAll(a.queues());
        }
        return queues;
    }

    public SaveResult save(String tenant, String name, DialplanType type, String content, int expectedVersion,
                           String by, String comment, String action) {
        List<Problem> problems = validate(tenant, name, type, content);
        if (!problems.isEmpty()) {
            return new SaveResult.Invalid(problems);
        }
        int current = store.latest(tenant, type, name).map(DialplanStore.Version::version).orElse(0);
        if (current != expectedVersion) {
            return new SaveResult.Conflict(current);
        }
        Optional<DialplanStore.Version> saved = store.save(tenant, name, type, content, expectedVersion, by, comment);
        if (saved.isEmpty()) {
            return new SaveResult.Conflict(store.latest(tenant, type, name).map(DialplanStore.Version::version)
                    .orElse(0));
        }
        DialplanStore.Version v = saved.get();
        Integer before = expectedVersion == 0 ? null : expectedVersion;
        history.record(tenant, new DialplanHistory.Entry(v.savedAt(), type.id(), name, action, before, v.version(), null,
                "SAVED", comment, by));
        return new SaveResult.Saved(v);
    }

    /**
     * Deploys a stored version to those of {@code nodes} of its type with a dialplan directory; one
     * audit row per node, under the version's tenant.
     */
    public Deployment deploy(DialplanStore.Version v, Set<String> nodes, String by) {
        Map<String, Integer> before = history.deployed(v.tenant())
                .getOrDefault(DialplanHistory.key(v.type(), v.name()), Map.of());
        List<DialplanDeployer.NodeOutcome> outcomes = deployer.deploy(v, nodes);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (DialplanDeployer.NodeOutcome o : outcomes) {
            history.record(v.tenant(), new DialplanHistory.Entry(now, v.type().id(), v.name(), DialplanHistory.DEPLOY,
                    before.get(o.node()), v.version(), o.node(), o.outcome().name(), o.message(), by));
        }
        return new Deployment(v.name(), v.type().id(), v.version(), outcomes);
    }
}
