package io.switchboard.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.annotations.Broadcast;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.metrics.MetricsService;
import io.switchboard.metrics.MonitorSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Puts the monitor snapshot on the {@code metric-snapshots} channel (key {@code snapshot}): soon
 * after each publish, at most once per {@code messaging.snapshot-min-interval}, and
 * {@code snapshot-interval} after the last one when nothing was published meanwhile. Each snapshot supersedes the
 * last, so one that finds the channel busy is dropped (and counted) rather than queued.
 */
@Startup
@ApplicationScoped
public class SnapshotPublisher {

    public static final String CHANNEL = "metric-snapshots";
    public static final String KEY = "snapshot";
    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    @Inject
    PushConfig config;
    @Inject
    MetricsService metrics;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    private final AtomicReference<MonitorSnapshot> published = new AtomicReference<>();
    private final AtomicBoolean sendQueued = new AtomicBoolean();
    private final Consumer<MonitorSnapshot> subscriber = this::onPublished;
    private final ChannelOutlet outlet = new ChannelOutlet();
    private ScheduledExecutorService timer;
    /** The next unprompted send; moved on by every send (timer thread only). */
    private ScheduledFuture<?> heartbeat;
    private Counter dropped;
    private Counter sent;
    private volatile long lastSentNanos = System.nanoTime();

    @PostConstruct
    void init() {
        ChannelMeters meters = ChannelMeters.register(registry, CHANNEL);
        dropped = meters.dropped();
        sent = meters.sent();
        timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("push-snapshots").daemon().unstarted(r));
        timer.execute(this::scheduleHeartbeat);
        metrics.subscribe(subscriber);
    }

    /** Subscribed by SmallRye only when the channel has a consumer; broadcast so several may attach. */
    @Outgoing(CHANNEL)
    @Broadcast
    public Multi<Message<String>> stream() {
        return outlet.stream();
    }

    @PreDestroy
    void stop() {
        metrics.unsubscribe(subscriber);
        timer.shutdownNow();
    }

    /** On the metrics publisher thread: store, and make sure one send is scheduled. */
    private void onPublished(MonitorSnapshot s) {
        published.set(s);
        if (sendQueued.compareAndSet(false, true)) {
            long wait = lastSentNanos + config.messaging().snapshotMinInterval().toNanos() - System.nanoTime();
            try {
                timer.schedule(this::sendPublished, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                sendQueued.set(false);
            }
        }
    }

    private void sendPublished() {
        sendQueued.set(false);
        send(published.get());
    }

    private void scheduleHeartbeat() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        heartbeat = timer.schedule(() -> send(metrics.monitor()), config.snapshotInterval().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void send(MonitorSnapshot s) {
        lastSentNanos = System.nanoTime();
        scheduleHeartbeat();
        try {
            switch (outlet.state()) {
                case UNCONNECTED -> {
                }
                case BUSY -> dropped.increment();
                case OPEN -> {
                    outlet.send(Message.of(mapper.writeValueAsString(s))
                            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(KEY).build()));
                    sent.increment();
                }
            }
        } catch (JsonProcessingException e) {
            LOG.warn("could not serialize the monitor snapshot", new UncheckedIOException(e));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not put a snapshot on %s", CHANNEL);
        }
    }
}
