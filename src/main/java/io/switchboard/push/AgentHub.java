package io.switchboard.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.agents.AgentPush;
import io.switchboard.agents.AgentRoster;
import io.switchboard.screenpop.PopCard;
import io.switchboard.security.Actor;
import io.switchboard.security.Tenancy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Agents' desktop connections ({@code /ws/agent}), by agent. Sends never wait: a message is
 * serialized once and handed to each connection; a connection with too many unwritten messages
 * is closed (1008) rather than allowed to hold memory or slow anyone else. A connection only
 * receives its own tenant's data: an agent's messages go to users of the agent's tenant, and a
 * card only when its call is of that tenant too (a PBX that offers another tenant's call to the
 * agent does not carry that call's data across).
 */
@ApplicationScoped
public class AgentHub implements AgentPush {

    private static final Logger LOG = Logger.getLogger(AgentHub.class);
    private static final int MAX_IN_FLIGHT = 512;

    @Inject
    ObjectMapper json;
    @Inject
    MeterRegistry registry;
    @Inject
    AgentRoster roster;
    @Inject
    Tenancy tenancy;

    /** One desktop connection. */
    record Desk(WebSocketConnection connection, Actor actor, AtomicInteger inFlight) {
    }

    private final Map<String, Set<Desk>> byAgent = new ConcurrentHashMap<>();
    private final Map<String, Desk> byConnection = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder slowClosed = new LongAdder();

    @PostConstruct
    void meters() {
        registry.more().counter("switchboard.push.agent.messages", List.of(), sent, LongAdder::doubleValue);
        registry.more().counter("switchboard.push.agent.slow.closed", List.of(), slowClosed, LongAdder::doubleValue);
        registry.gauge("switchboard.push.agent.connections", byConnection, Map::size);
    }

    void open(WebSocketConnection connection, Actor actor) {
        Desk d = new Desk(connection, actor, new AtomicInteger());
        byConnection.put(connection.id(), d);
        if (actor.agentId() != null) {
            byAgent.computeIfAbsent(actor.agentId(), k -> new CopyOnWriteArraySet<>()).add(d);
        }
    }

    void close(WebSocketConnection connection) {
        Desk d = byConnection.remove(connection.id());
        if (d != null && d.actor().agentId() != null) {
            Set<Desk> set = byAgent.get(d.actor().agentId());
            if (set != null) {
                set.remove(d);
            }
        }
    }

    Actor actor(WebSocketConnection connection) {
        Desk d = byConnection.get(connection.id());
        return d == null ? null : d.actor();
    }

    public int connections(String agentId) {
        Set<Desk> set = byAgent.get(agentId);
        return set == null ? 0 : set.size();
    }

    @Override
    public void push(String agentId, String type, String payloadField, Object payload) {
        Set<Desk> desks = byAgent.get(agentId);
        if (desks == null || desks.isEmpty()) {
            return;
        }
        String tenant = roster.agent(agentId).map(a -> a.tenant()).orElse(null);
        if (tenant == null || payload instanceof PopCard card
                && !tenant.equals(tenancy.ofCall(card.node(), card.queue()))) {
            return;
        }
        String text = message(type, payloadField, payload);
        if (text != null) {
            desks.stream().filter(d -> tenancy.sees(d.actor(), tenant)).forEach(d -> send(d, text));
        }
    }

    /** Sends one message on one connection (replies to its own requests). */
    void send(WebSocketConnection connection, String text) {
        Desk d = byConnection.get(connection.id());
        if (d != null) {
            send(d, text);
        }
    }

    String message(String type, String payloadField, Object payload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        if (payloadField != null) {
            m.put(payloadField, payload);
        }
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            LOG.warnf("cannot serialize %s message: %s", type, e.getMessage());
            return null;
        }
    }

    private void send(Desk d, String text) {
        if (d.inFlight().incrementAndGet() > MAX_IN_FLIGHT) {
            slowClosed.increment();
            close(d.connection());
            d.connection().close(new CloseReason(1008, "too slow: messages not read")).subscribe().with(v -> {
            }, e -> {
            });
            return;
        }
        d.connection().sendText(text).subscribe().with(v -> {
            d.inFlight().decrementAndGet();
            sent.increment();
        }, e -> d.inFlight().decrementAndGet());
    }
}
