package io.switchboard.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.agents.AgentRoster;
import io.switchboard.metrics.MetricsConfig;
import io.switchboard.screenpop.Customer;
import io.switchboard.screenpop.CustomerDirectory;
import io.switchboard.screenpop.CustomerQuery;
import io.switchboard.screenpop.QueueTenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one place routing decisions are made, whichever PBX asks (FastAGI or outbound event
 * socket). Returns at once with a future: the customer lookup runs within its budget, then the
 * policy decides in memory. The protocol servers wait at most {@code switchboard.routing.deadline}
 * and otherwise answer nothing, so the dialplan's own fallback applies.
 */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);
    private static final int RECENT = 50;

    @Inject
    RoutingConfig config;
    @Inject
    PolicyStore store;
    @Inject
    PolicyValidator validator;
    @Inject
    RoutingEvents events;
    @Inject
    LoadModel load;
    @Inject
    TrafficControl control;
    @Inject
    NodeGroups groups;
    @Inject
    AgentRoster roster;
    @Inject
    CustomerDirectory directory;
    @Inject
    MetricsConfig metricsConfig;
    @Inject
    MeterRegistry registry;
    @Inject
    @Any
    Instance<RoutingStrategy> strategyBeans;

    private volatile PolicyStore.Version policy;
    private volatile PolicyEngine engine;
    private Map<String, RoutingStrategy> strategies;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Deque<Decided> recent = new ArrayDeque<>();
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService refresher;
    private int skippedVersion = -1;

    /** A decision as the state page lists it. */
    public record Decided(Instant at, String node, String callId, String caller, String outcome, String queue,
                          String destination, String strategy, String reason, int level, double millis) {
    }

    void start(@Observes StartupEvent ev) {
        Map<String, RoutingStrategy> byName = new TreeMap<>();
        for (RoutingStrategy s : strategyBeans) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalStateException("two routing strategies are called " + s.name());
            }
        }
        strategies = Map.copyOf(byName);
        engine = new PolicyEngine(strategies, QueueTenants.from(metricsConfig), config.queueContext());
        PolicyStore.Version v = store.latest();
        List<String> problems = validator.problems(v.policy(), strategies.keySet());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("routing policy version " + v.version() + " is not valid: " + problems);
        }
        policy = v;
        LOG.infof("routing policy version %d in force (%d rules, strategies %s)", v.version(), v.policy().rules().size(),
                strategies.keySet());
        Duration every = config.policyRefresh();
        if (!every.isZero() && !every.isNegative()) {
            refresher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("routing-policy")
                    .daemon().unstarted(r));
            refresher.scheduleWithFixedDelay(this::refresh, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /**
     * Picks up a version another instance saved (instances share the database, not memory). A
     * stored version that does not validate here (e.g. a strategy this instance lacks) is skipped
     * with an error, keeping the policy in force.
     */
    void refresh() {
        try {
            PolicyStore.Version latest = store.latest();
            synchronized (this) {
                if (latest.version() <= policy.version()) {
                    return;
                }
                List<String> problems = validator.problems(latest.policy(), strategies.keySet());
                if (!problems.isEmpty()) {
                    if (skippedVersion != latest.version()) {
                        LOG.errorf("routing policy version %d not taken into force here: %s", latest.version(), problems);
                        skippedVersion = latest.version();
                    }
                    return;
                }
                policy = latest;
            }
            LOG.infof("routing policy version %d (saved by %s on another instance) in force", latest.version(),
                    latest.savedBy());
        } catch (RuntimeException e) {
            LOG.warnf("routing policy refresh failed, keeping version %d: %s", policy.version(), e.getMessage());
        }
    }

    public Map<String, RoutingStrategy> strategies() {
        return strategies;
    }

    public PolicyStore.Version policy() {
        return policy;
    }

    /**
     * Decides where a new call goes. The future completes normally with a decision, or
     * exceptionally if deciding failed; it never waits on a PBX.
     */
    public CompletableFuture<RouteDecision> route(RouteRequest request) {
        long start = System.nanoTime();
        String tenant = config.nodeTenants().getOrDefault(request.node(), config.defaultTenant());
        Optional<RouteDecision> hop = groups.groupOf(request.node()).flatMap(g -> {
            RoutingConfig.Group settings = config.groups().get(g);
            return settings == null ? Optional.empty()
                    : GroupHop.decide(request, g, groups.active(g).orElse(null), settings.via(), tenant);
        });
        if (hop.isPresent()) {
            record(request, hop.get(), System.nanoTime() - start);
            return CompletableFuture.completedFuture(hop.get());
        }
        CompletableFuture<Optional<Customer>> customer = lookup(request, tenant);
        return customer.thenApply(c -> {
            RoutingContext ctx = new RoutingContext(tenant, c.orElse(null), load.current(), roster.all(), groups,
                    clock);
            RouteDecision d = engine.decide(request, policy.policy(), ctx, control::level);
            record(request, d, System.nanoTime() - start);
            return d;
        });
    }

    private CompletableFuture<Optional<Customer>> lookup(RouteRequest r, String tenant) {
        CustomerQuery q = new CustomerQuery(tenant, r.callerNumber(), first(r, "CUSTOMER_ID", "customer_id"),
                first(r, "ACCOUNT_ID", "account_id"));
        if (q.customerId() == null && q.accountId() == null && CustomerQuery.normalizeNumber(q.callerNumber()) == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<Customer>> f;
        try {
            f = directory.find(q).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        // an unknown or slow customer is routed as a regular caller rather than not at all
        return f.exceptionally(e -> {
                    registry.counter("switchboard.routing.customer.lookups", "outcome", "failed").increment();
                    return Optional.empty();
                })
                .completeOnTimeout(Optional.empty(), config.customerBudget().toNanos(), TimeUnit.NANOSECONDS);
    }

    private static String first(RouteRequest r, String a, String b) {
        String v = r.variable(a);
        return v != null ? v : r.variable(b);
    }

    /** A protocol server gave up on a decision (deadline, error) and let the dialplan fall back. */
    public void fallback(RouteRequest request, String reason) {
        registry.counter("switchboard.routing.fallbacks", "node", request.node(), "reason", reason).increment();
        synchronized (recent) {
            add(new Decided(Instant.now(), request.node(), request.callId(), request.callerNumber(), "FALLBACK", null,
                    null, "dialplan", reason, -1, 0));
        }
    }

    private void record(RouteRequest r, RouteDecision d, long nanos) {
        timers.computeIfAbsent(d.outcome() + "/" + d.strategy(), k -> Timer.builder("switchboard.routing.decisions")
                        .description("Routing decisions, from request to decision")
                        .tags("outcome", d.outcome().name(), "strategy", d.strategy())
                        .publishPercentiles(0.5, 0.99).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        synchronized (recent) {
            add(new Decided(Instant.now(), r.node(), r.callId(), r.callerNumber(), d.outcome().name(), d.queue(),
                    d.destination().context() + "/" + d.destination().extension(), d.strategy(), d.reason(),
                    d.level(), nanos / 1e6));
        }
    }

    private void add(Decided d) {
        if (recent.size() == RECENT) {
            recent.removeLast();
        }
        recent.addFirst(d);
    }

    public List<Decided> recentDecisions() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /**
     * Validates and saves a policy as the next version and puts it in force.
     *
     * @return the saved version, or empty when {@code expectedVersion} is no longer the newest
     * @throws InvalidPolicyException when the policy has problems (nothing is saved)
     */
    public synchronized Optional<PolicyStore.Version> save(RoutingPolicy p, int expectedVersion, String actor,
                                                           String comment) {
        List<String> problems = validator.problems(p, strategies.keySet());
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        if (expectedVersion != policy.version()) {
            return Optional.empty();
        }
        Optional<PolicyStore.Version> saved = store.save(p, expectedVersion, actor, comment);
        saved.ifPresent(v -> {
            int before = policy.version();
            policy = v;
            events.publish(new RoutingEvent(v.savedAt(), "policy", "routing-policy", Integer.toString(before),
                    Integer.toString(v.version()), comment == null ? "policy saved" : comment, actor));
        });
        return saved;
    }

    /** The policy has problems; each is a sentence an admin can act on. */
    public static final class InvalidPolicyException extends RuntimeException {
        private final List<String> problems;

        public InvalidPolicyException(List<String> problems) {
            super("routing policy not valid: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
