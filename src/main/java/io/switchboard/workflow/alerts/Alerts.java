package io.switchboard.workflow.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.workflow.SlaBreached;
import io.switchboard.workflow.alerts.AlertStore.AlertStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * SLA breaches become alerts. The observer only hands the breach to a virtual thread (the engine's
 * job executor never waits on a channel or the database); there the breach is claimed in
 * {@code alerts} (the unique (task, level) key makes it alert once, across instances and restarts),
 * its level's channels are sent to each recipient with bounded retries, and every attempt and
 * outcome is recorded in {@code alert_deliveries}.
 */
@ApplicationScoped
public class Alerts {

    private static final Logger LOG = Logger.getLogger(Alerts.class);

    /** Levels → channels when {@code switchboard.alerts.levels} configures none. */
    static final Map<Integer, List<String>> DEFAULT_LEVELS = Map.of(1, List.of(WebhookChannel.NAME),
            2, List.of(SmsChannel.NAME), 3, List.of(PhoneChannel.NAME, EmailChannel.NAME));

    @Inject
    AlertsConfig config;
    @Inject
    AlertStore store;
    @Inject
    AlertRecipients recipients;
    @Inject
    Instance<AlertChannel> channelBeans;
    @Inject
    MeterRegistry registry;

    private final Map<String, AlertChannel> channels = new TreeMap<>();
    private ExecutorService threads;
    private Semaphore permits;

    @PostConstruct
    void init() {
        for (AlertChannel c : channelBeans) {
            AlertChannel before = channels.putIfAbsent(c.name(), c);
            if (before != null) {
                throw new IllegalStateException("two alert channels are named " + c.name());
            }
        }
        threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("alert-", 0).factory());
        permits = new Semaphore(Math.max(1, config.maxConcurrent()));
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    /** After the engine's transaction committed (at once when there is none): a rolled-back timer fires again. */
    void onBreach(@Observes(during = TransactionPhase.AFTER_SUCCESS) SlaBreached breach) {
        if (config.enabled()) {
            dispatch(breach);
        }
    }

    /** Hands the breach off; the future completes when its alert is recorded (or found to be a duplicate). */
    public CompletableFuture<Void> dispatch(SlaBreached breach) {
        return CompletableFuture.runAsync(() -> handle(breach), threads);
    }

    public Map<String, AlertChannel> channels() {
        return Map.copyOf(channels);
    }

    /** One try through one channel, no retry, not recorded: for checking a channel's settings. */
    public CompletionStage<Delivery> test(String channelName, AlertContact to, String text) {
        AlertChannel channel = channels.get(channelName);
        if (channel == null) {
            throw new IllegalArgumentException("no alert channel " + channelName + " (channels: "
                    + String.join(", ", channels.keySet()) + ")");
        }
        Optional<String> off = channel.unavailable();
        if (off.isPresent()) {
            return CompletableFuture.completedFuture(Delivery.skipped("channel " + channelName + ": " + off.get()));
        }
        AlertMessage m = new AlertMessage(to.tenant(), 0, false, "test message", text, to, null, null);
        LOG.infof("test alert through %s to %s", channelName, to.username());
        return channel.send(m);
    }

    /** The channels of a breach: the escalation list, or the highest configured level not above its own. */
    List<String> channelsFor(SlaBreached b) {
        if (b.escalation()) {
            return config.escalation();
        }
        TreeMap<Integer, List<String>> levels = new TreeMap<>(config.levels().isEmpty() ? DEFAULT_LEVELS
                : config.levels());
        Map.Entry<Integer, List<String>> e = levels.floorEntry(b.level());
        return (e == null ? levels.firstEntry() : e).getValue();
    }

    private void handle(SlaBreached b) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        OptionalLong claimed = OptionalLong.empty();
        try {
            claimed = store.claim(b, Instant.now());
            if (claimed.isEmpty()) {
                counter("switchboard.alerts.duplicates", null, b.level()).increment();
                LOG.debugf("SLA breach of task %s level %d alerted before: skipped", b.taskId(), b.level());
                return;
            }
            send(claimed.getAsLong(), b);
        } catch (RuntimeException e) {
            LOG.errorf(e, "alerting the SLA breach of task %s level %d failed", b.taskId(), b.level());
            claimed.ifPresent(id -> markFailed(id));
        } finally {
            permits.release();
        }
    }

    private void send(long alertId, SlaBreached b) {
        List<AlertContact> people = recipients.of(b);
        List<String> names = channelsFor(b);
        List<CompletableFuture<Delivery.Status>> outcomes = new ArrayList<>();
        if (people.isEmpty()) {
            LOG.warnf("alert %d (task %s level %d): nobody to alert: no contact for the assignee or the candidate"
                    + " groups %s", alertId, b.taskId(), b.level(), b.candidateGroups());
            long d = store.delivery(alertId, "-", String.join(",", names), Instant.now());
            store.attempt(d, 0, Delivery.Status.SKIPPED.name(), Delivery.skipped("no recipient"), Instant.now());
            store.finish(alertId, AlertStatus.SKIPPED, Instant.now());
            return;
        }
        AlertText text = AlertText.of(b);
        for (String name : names) {
            AlertChannel channel = channels.get(name);
            Optional<String> off = channel == null ? Optional.of("no alert channel named " + name)
                    : channel.unavailable();
            off.ifPresent(why -> LOG.infof("alert %d: channel %s skipped: %s", alertId, name, why));
            for (AlertContact person : people) {
                AlertMessage m = new AlertMessage(b.tenant(), b.level(), b.escalation(), text.subject(), text.body(),
                        person, b.taskId(), b.ticketId());
                outcomes.add(off.isPresent()
                        ? CompletableFuture.completedFuture(skip(alertId, name, m, off.get()))
                        : CompletableFuture.supplyAsync(() -> deliver(alertId, channel, m), threads));
            }
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).join();
        store.finish(alertId, overall(outcomes.stream().map(CompletableFuture::join).toList()), Instant.now());
    }

    /** An alert that broke half-way is not left PENDING (best effort: the database may be what broke). */
    private void markFailed(long alertId) {
        try {
            store.finish(alertId, AlertStatus.FAILED, Instant.now());
        } catch (RuntimeException e) {
            LOG.debugf("alert %d could not be marked failed: %s", alertId, e.getMessage());
        }
    }

    private Delivery.Status skip(long alertId, String channel, AlertMessage m, String why) {
        long id = store.delivery(alertId, m.recipient().username(), channel, Instant.now());
        store.attempt(id, 0, Delivery.Status.SKIPPED.name(), Delivery.skipped(why), Instant.now());
        counter("switchboard.alerts.skipped", channel, m.level()).increment();
        return Delivery.Status.SKIPPED;
    }

    /** Tries until sent, skipped or out of attempts; waits between tries on this (virtual) thread. */
    private Delivery.Status deliver(long alertId, AlertChannel channel, AlertMessage m) {
        long id = store.delivery(alertId, m.recipient().username(), channel.name(), Instant.now());
        int max = Math.max(1, config.retry().attempts());
        for (int attempt = 1; ; attempt++) {
            Delivery d = RetryPolicy.attempt(channel, m);
            boolean last = d.status() != Delivery.Status.FAILED || attempt >= max;
            store.attempt(id, attempt, last ? d.status().name() : AlertStatus.PENDING.name(), d, Instant.now());
            if (last) {
                report(alertId, channel.name(), m, d, attempt);
                return d.status();
            }
            LOG.debugf("alert %d: %s to %s failed (attempt %d of %d): %s", alertId, channel.name(),
                    m.recipient().username(), attempt, max, d.detail());
            if (!RetryPolicy.pause(config.retry(), attempt)) {
                store.attempt(id, attempt, Delivery.Status.FAILED.name(), Delivery.failed("interrupted: shutting down"),
                        Instant.now());
                return Delivery.Status.FAILED;
            }
        }
    }

    private void report(long alertId, String channel, AlertMessage m, Delivery d, int attempts) {
        switch (d.status()) {
            case SENT -> {
                counter("switchboard.alerts.sent", channel, m.level()).increment();
                LOG.infof("alert %d: %s to %s sent (%d attempt(s))", alertId, channel, m.recipient().username(),
                        attempts);
            }
            case FAILED -> {
                counter("switchboard.alerts.failed", channel, m.level()).increment();
                LOG.warnf("alert %d: %s to %s failed after %d attempt(s): %s", alertId, channel,
                        m.recipient().username(), attempts, d.detail());
            }
            case SKIPPED -> {
                counter("switchboard.alerts.skipped", channel, m.level()).increment();
                LOG.infof("alert %d: %s to %s skipped: %s", alertId, channel, m.recipient().username(), d.detail());
            }
        }
    }

    static AlertStatus overall(List<Delivery.Status> outcomes) {
        boolean sent = outcomes.contains(Delivery.Status.SENT);
        boolean failed = outcomes.contains(Delivery.Status.FAILED);
        if (sent) {
            return failed ? AlertStatus.PARTIAL : AlertStatus.SENT;
        }
        return failed ? AlertStatus.FAILED : AlertStatus.SKIPPED;
    }

    private Counter counter(String name, String channel, int level) {
        Counter.Builder b = Counter.builder(name).tag("level", Integer.toString(level));
        if (channel != null) {
            b.tag("channel", channel);
        }
        return b.register(registry);
    }
}
