package io.switchboard.metrics;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Read side of the metrics engine: every consumer (REST, WebSocket, messaging, Prometheus) reads here. */
@ApplicationScoped
public class MetricsService {

    private final List<Consumer<MonitorSnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private volatile MonitorSnapshot current;

    /** The {@code today} view of every queue, agent, node and tenant at the latest version. */
    public MonitorSnapshot monitor() {
        MonitorSnapshot c = current;
        if (c != null) {
            return c;
        }
        Instant now = Instant.now();
        return new MonitorSnapshot(0, now, "today", now, now, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Called with each new {@link #monitor()} snapshot on the metrics publisher thread, at most a
     * few times a second; must return quickly and never block.
     */
    public void subscribe(Consumer<MonitorSnapshot> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<MonitorSnapshot> subscriber) {
        subscribers.remove(subscriber);
    }

    /** Makes {@code s} the snapshot {@link #monitor()} returns and hands it to every subscriber. */
    public void publish(MonitorSnapshot s) {
        current = s;
        subscribers.forEach(sub -> sub.accept(s));
    }
}
