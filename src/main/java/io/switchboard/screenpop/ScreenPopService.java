package io.switchboard.screenpop;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.agents.AgentLookup;
import io.switchboard.agents.AgentPush;
import io.switchboard.agents.AgentRef;
import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallEventListener;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallsConfig;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.AgentCompleted;
import io.switchboard.events.CallEvent.AgentConnected;
import io.switchboard.events.CallEvent.AgentOffered;
import io.switchboard.events.CallEvent.AgentRingNoAnswer;
import io.switchboard.events.CallEvent.AttendedTransferred;
import io.switchboard.events.CallEvent.BlindTransferred;
import io.switchboard.events.CallEvent.CallerIdUpdated;
import io.switchboard.events.CallEvent.IvrData;
import io.switchboard.events.CallEvent.LegHangup;
import io.switchboard.events.CallEvent.LegHeld;
import io.switchboard.events.CallEvent.LegUnheld;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Screen-pop: when an agent's phone is offered a call, the agent's desktop gets a card at once,
 * built from what the call model knows, then the same card enriched with the customer, the
 * caller's recent calls and open tickets, then updates as the call goes on (docs/screenpop.md).
 * Runs on the lane threads: lookups of the agent and the call's state are in memory, the
 * enrichment runs elsewhere and the push never blocks.
 */
@Singleton
public class ScreenPopService implements CallEventListener, AutoCloseable {

    static final String TYPE = "card";
    static final String FIELD = "card";

    private static final Logger LOG = Logger.getLogger(ScreenPopService.class);

    /** How much the service keeps and how long enrichment may take; see {@link ScreenPopConfig}. */
    public record Settings(boolean enabled, Duration enrichmentDeadline, int maxConcurrentEnrichments,
                           int maxCallsPerNode, Duration maxIdle) {

        static Settings from(ScreenPopConfig c, CallsConfig calls) {
            return new Settings(c.enabled(), c.enrichmentDeadline(), c.maxConcurrentEnrichments(),
                    c.maxCallsPerNode(), calls.maxIdle());
        }
    }

    private final AgentLookup agents;
    private final AgentPush push;
    private final QueueTenants tenants;
    private final Settings settings;
    private final ScreenPopMetrics metrics;
    private final CardEnricher enricher;
    private final AgentCard.Out out = this::send;
    private final Map<String, NodePops> nodes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, PopCard>> latest = new ConcurrentHashMap<>();

    @Inject
    ScreenPopService(ScreenPopConfig config, CallsConfig calls, AgentLookup agents, AgentPush push,
                     CustomerDirectory directory, RecentCalls recentCalls, OpenTickets openTickets,
                     QueueTenants tenants, MeterRegistry registry) {
        this(agents, push, directory, recentCalls, openTickets, tenants, registry, Settings.from(config, calls));
    }

    public ScreenPopService(AgentLookup agents, AgentPush push, CustomerDirectory directory, RecentCalls recentCalls,
                            OpenTickets openTickets, QueueTenants tenants, MeterRegistry registry,
                            Settings settings) {
        this.agents = agents;
        this.push = push;
        this.tenants = tenants;
        this.settings = settings;
        this.metrics = new ScreenPopMetrics(registry);
        this.enricher = new CardEnricher(directory, recentCalls, openTickets, settings.enrichmentDeadline(),
                settings.maxConcurrentEnrichments(), metrics);
        metrics.tracked(this::trackedCalls);
    }

    @Override
    public void onEvent(CallEvent event, String callId) {
        onEvent(event, callId, null);
    }

    @Override
    public void onEvent(CallEvent event, String callId, ActiveCall view) {
        if (callId == null || !settings.enabled() || !concerns(event)) {
            return;
        }
        NodePops node = node(event.meta().nodeId());
        String key = event.meta().nodeId() + ":" + callId;
        switch (event) {
            case AgentOffered o -> offered(node, key, o, view);
            case IvrData d -> ivr(node.getOrCreate(key, event.meta().receivedAt()), d, view);
            default -> {
                CallPops call = node.get(key);
                if (call == null) {
                    return;
                }
                call.seen(view, event.meta().receivedAt());
                if (event instanceof AttendedTransferred t && t.secondCallId() != null) {
                    CallPops merged = node.remove(event.meta().nodeId() + ":" + t.secondCallId());
                    if (merged != null && merged != call) {
                        call.absorb(merged);
                    }
                }
                call.apply(event);
            }
        }
    }

    /** Most events change nothing on a card; they are passed over before any lookup. */
    private static boolean concerns(CallEvent e) {
        return switch (e) {
            case AgentOffered x -> true;
            case IvrData x -> true;
            case AgentConnected x -> true;
            case AgentRingNoAnswer x -> true;
            case AgentCompleted x -> true;
            case LegHeld x -> true;
            case LegUnheld x -> true;
            case BlindTransferred x -> true;
            case AttendedTransferred x -> true;
            case LegHangup x -> true;
            case CallerIdUpdated x -> true;
            default -> false;
        };
    }

    @Override
    public void onRecord(CallRecord record) {
        NodePops node = nodes.get(record.node());
        CallPops call = node == null ? null : node.remove(record.id());
        if (call != null) {
            call.ended();
        }
    }

    private void offered(NodePops node, String key, AgentOffered o, ActiveCall view) {
        Optional<AgentRef> agent;
        try {
            agent = agents.byInterface(o.meta().nodeId(), o.agentInterface());
        } catch (RuntimeException e) {
            LOG.warnf("agent lookup failed for %s on %s: %s", o.agentInterface(), o.meta().nodeId(), e.toString());
            agent = Optional.empty();
        }
        if (agent.isEmpty()) {
            metrics.drop(ScreenPopMetrics.DROPPED_UNKNOWN_AGENT);
            LOG.debugf("no agent for %s on %s: card of %s dropped", o.agentInterface(), o.meta().nodeId(), key);
            return;
        }
        CallPops call = node.getOrCreate(key, o.meta().receivedAt());
        call.seen(view, o.meta().receivedAt());
        call.queue(o.queue());
        AgentCard card = call.offer(agent.get(), o, out);
        CompletableFuture<Enrichment> earlier = call.enrichment();
        long generation = call.enrichmentGeneration();
        if (earlier != null && earlier.isDone()) {
            card.preset(generation, earlier.join()); // offered before: the next agent sees it all at once
        }
        card.publish();
        metrics.popped(o.meta().receivedAt());
        if (earlier == null) {
            CustomerQuery q = query(call, agent.get());
            call.enrichment(q, enricher.start(q, key));
        } else if (!earlier.isDone()) {
            earlier.thenAccept(found -> card.enrich(generation, found));
        }
    }

    /**
     * An IVR variable of the call. Open cards show it at once; a customer or account id that
     * arrives after the enrichment began (FreeSWITCH may report the caller's variables only with
     * later events) starts the enrichment again with it.
     */
    private void ivr(CallPops call, IvrData d, ActiveCall view) {
        call.seen(view, d.meta().receivedAt());
        if (!call.ivr(d.name(), d.value())) {
            return;
        }
        call.refresh();
        CustomerQuery before = call.query();
        if (before != null) {
            PopCard.Ivr ivr = call.facts().ivr();
            CustomerQuery now = new CustomerQuery(before.tenant(), before.callerNumber(), ivr.customerId(),
                    ivr.accountId());
            if (!now.equals(before)) {
                call.enrichment(now, enricher.start(now, call.callId()));
            }
        }
    }

    private CustomerQuery query(CallPops call, AgentRef agent) {
        CallFacts f = call.facts();
        String tenant = agent.tenant() != null ? agent.tenant() : tenants.tenantOf(f.queue());
        return new CustomerQuery(tenant, f.callerNumber(), f.ivr().customerId(), f.ivr().accountId());
    }

    /**
     * The newest card of each call an agent has open (ringing, talking, held): what a desktop
     * that connects or reconnects shows at once.
     */
    public List<PopCard> openCards(String agentId) {
        Map<String, PopCard> mine = latest.get(agentId);
        return mine == null ? List.of() : mine.values().stream()
                .sorted(java.util.Comparator.comparing(PopCard::seq)).toList();
    }

    private void remember(String agentId, PopCard card) {
        boolean open = card.status() == PopCard.Status.RINGING || card.status() == PopCard.Status.TALKING
                || card.status() == PopCard.Status.HELD;
        if (open) {
            latest.computeIfAbsent(agentId, k -> new ConcurrentHashMap<>()).merge(card.callId(), card,
                    (old, now) -> now.seq() >= old.seq() ? now : old);
        } else {
            latest.computeIfPresent(agentId, (k, m) -> {
                m.remove(card.callId());
                return m.isEmpty() ? null : m;
            });
        }
    }

    private void send(String agentId, PopCard card) {
        remember(agentId, card);
        try {
            push.push(agentId, TYPE, FIELD, card);
            metrics.pushed();
        } catch (RuntimeException e) {
            metrics.drop(ScreenPopMetrics.DROPPED_PUSH_FAILED);
            LOG.warnf("card of %s for agent %s not pushed: %s", card.callId(), agentId, e.toString());
        }
    }

    private NodePops node(String nodeId) {
        return nodes.computeIfAbsent(nodeId,
                n -> new NodePops(n, settings.maxCallsPerNode(), settings.maxIdle()));
    }

    /** Calls the service keeps something about, on all nodes. */
    int trackedCalls() {
        return nodes.values().stream().mapToInt(NodePops::size).sum();
    }

    @PreDestroy
    @Override
    public void close() {
        enricher.close();
    }
}
