package io.switchboard.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.routing.LevelStatus;
import io.switchboard.routing.LoadModel;
import io.switchboard.routing.LoadSnapshot;
import io.switchboard.routing.RoutingEvent;
import io.switchboard.routing.RoutingEvents;
import io.switchboard.routing.TrafficControl;
import io.switchboard.security.Actor;
import io.switchboard.security.RoutingScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Fans the control console's state out to the {@code /ws/routing} clients: a state message on
 * connect, every {@link RoutingEvent} as it happens, and a state message at most once per second
 * while the load changes. One thread does the work, so whoever publishes an event (the load timer,
 * an admin's request) only queues a task; a client with too many unwritten messages is closed.
 * Each client gets what its user's tenant sees ({@link RoutingScope}): its own levels, load and
 * events; the platform tenant everything.
 */
@Startup
@ApplicationScoped
public class RoutingHub {

    private static final Logger LOG = Logger.getLogger(RoutingHub.class);
    static final int MAX_IN_FLIGHT = 64;
    static final long STATE_EVERY_MS = 1000;

    @Inject
    LoadModel load;
    @Inject
    TrafficControl control;
    @Inject
    RoutingEvents events;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    /** The state message: the levels in force and the load they were worked out from. */
    public record State(String type, List<LevelStatus> levels, LoadSnapshot load) {
    }

    /** One transition, as it happened. */
    public record Event(String type, Instant at, String kind, String scope, String from, String to, String reason,
                        String actor) {
        static Event of(RoutingEvent e) {
            return new Event("event", e.at(), e.kind(), e.scope(), e.from(), e.to(), e.reason(), e.actor());
        }
    }

    private static final class Client {
        final WebSocketConnection connection;
        final Actor actor;
        final AtomicInteger inFlight = new AtomicInteger();
        /** What its last state message showed, without its time: unchanged load sends nothing. Hub thread only. */
        Object lastShown;

        Client(WebSocketConnection connection, Actor actor) {
            this.connection = connection;
            this.actor = actor;
        }

        WebSocketConnection connection() {
            return connection;
        }

        AtomicInteger inFlight() {
            return inFlight;
        }
    }

    @Inject
    RoutingScope scope;

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Consumer<RoutingEvent> listener = this::onEvent;
    private ScheduledExecutorService hub;

    @PostConstruct
    void init() {
        hub = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("push-routing").daemon().unstarted(r));
        registry.gauge("switchboard.push.routing.clients", clients, Map::size);
        events.subscribe(listener);
        hub.scheduleWithFixedDelay(() -> guarded(this::stateIfChanged), STATE_EVERY_MS, STATE_EVERY_MS,
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        events.unsubscribe(listener);
        hub.shutdownNow();
        clients.values().forEach(c -> c.connection().close(CloseReason.NORMAL).subscribe().with(v -> { }, e -> { }));
    }

    void open(WebSocketConnection connection, Actor actor) {
        run(() -> {
            if (connection.isClosed()) {
                return;
            }
            Client c = new Client(connection, actor);
            clients.put(connection.id(), c);
            State s = state(c.actor, control.statuses(), load.current());
            c.lastShown = shown(s);
            send(c, json(s));
        });
    }

    void close(WebSocketConnection connection) {
        clients.remove(connection.id());
    }

    int clientCount() {
        return clients.size();
    }

    /** On the publisher's thread: queue the fan-out, nothing else. */
    private void onEvent(RoutingEvent e) {
        run(() -> {
            String text = json(Event.of(e));
            if (text != null) {
                clients.values().stream().filter(c -> scope.sees(c.actor, e)).forEach(c -> send(c, text));
            }
        });
    }

    private void stateIfChanged() {
        if (clients.isEmpty()) {
            return;
        }
        List<LevelStatus> levels = control.statuses();
        LoadSnapshot now = load.current();
        for (Client c : clients.values()) {
            State s = state(c.actor, levels, now);
            Object shown = shown(s);
            if (!shown.equals(c.lastShown)) {
                c.lastShown = shown;
                send(c, json(s));
            }
        }
    }

    private State state(Actor actor, List<LevelStatus> levels, LoadSnapshot now) {
        return new State("state", scope.levels(actor, levels), scope.load(actor, now));
    }

    private static Object shown(State s) {
        return List.of(s.levels(), withoutTime(s.load()));
    }

    private static LoadSnapshot withoutTime(LoadSnapshot s) {
        return new LoadSnapshot(Instant.EPOCH, s.nodes(), s.queues(), s.tenants(), s.overall());
    }

    private void send(Client c, String text) {
        if (text == null) {
            return;
        }
        if (c.inFlight().incrementAndGet() > MAX_IN_FLIGHT) {
            clients.remove(c.connection().id());
            LOG.warnf("Closing routing client %s: %d messages still unwritten", c.connection().id(), MAX_IN_FLIGHT);
            c.connection().close(MonitorHub.TOO_SLOW).subscribe().with(v -> { }, e -> { });
            return;
        }
        c.connection().sendText(text).subscribe().with(v -> c.inFlight().decrementAndGet(),
                e -> c.inFlight().decrementAndGet()); // the connection is closing; onClose removes it
    }

    private void run(Runnable task) {
        try {
            hub.execute(() -> guarded(task));
        } catch (RejectedExecutionException shuttingDown) {
            // the application is stopping; clients are being closed anyway
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException bug) {
            LOG.error("routing push failed", bug);
        }
    }

    private String json(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            LOG.warnf("cannot serialize routing message: %s", e.getMessage());
            return null;
        }
    }
}
