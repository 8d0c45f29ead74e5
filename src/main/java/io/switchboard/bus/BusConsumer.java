package io.switchboard.bus;

import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallEventListener;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.TrackerSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One instance's share of the event topic: a thread that polls the partitions the group gives
 * it, applies them to one {@link PartitionModel} each, stores the records they finish and only
 * then commits, per partition, the offset where the oldest call still open began. A partition
 * taken away is dropped; its new owner rebuilds it from that offset.
 */
public final class BusConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BusConsumer.class);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Function<String, TrackerSettings> settings;
    private final RecordStore store;
    private final Duration retryMin;
    private final List<CallEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<TopicPartition, PartitionModel> models = new ConcurrentHashMap<>();
    private final LongAdder applied = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final Thread thread;
    private volatile boolean running = true;
    // false once records could not be stored: offsets past them must never be committed
    private boolean commitAllowed = true;

    /**
     * @param bootstrap Kafka's address
     * @param group     the consumer group all instances share
     * @param name      this instance, for the thread and the client id
     */
    public BusConsumer(String bootstrap, String topic, String group, String name, int maxPollRecords,
                       Function<String, TrackerSettings> settings, RecordStore store, Duration retryMin) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-bus-" + name);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.topic = topic;
        this.settings = settings;
        this.store = store;
        this.retryMin = retryMin;
        this.thread = Thread.ofPlatform().name("bus-" + name).daemon().unstarted(this::run);
    }

    public void addListener(CallEventListener l) {
        listeners.add(l);
    }

    public BusConsumer start() {
        thread.start();
        return this;
    }

    private void run() {
        consumer.subscribe(List.of(topic), new Rebalance());
        List<CallRecord> done = new ArrayList<>();
        long nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
        try {
            while (running) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> r : batch) {
                    PartitionModel model = models.get(new TopicPartition(r.topic(), r.partition()));
                    if (model != null) {
                        apply(model, r, done);
                    }
                }
                if (System.nanoTime() >= nextSweep) {
                    models.values().forEach(m -> m.sweep(done));
                    nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
                }
                if (!done.isEmpty() && !storeAll(done)) {
                    commitAllowed = false;
                    return; // stopped while the database was away: nothing committed past it
                }
                done.clear();
                if (!batch.isEmpty()) {
                    consumer.commitAsync(safeOffsets(models.keySet()), null);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } catch (RuntimeException bug) {
            LOG.error("event bus consumer stopped", bug);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5)); // revokes: commits the safe offsets
            } catch (RuntimeException e) {
                LOG.warnf("closing the bus consumer: %s", e.getMessage());
            }
        }
    }

    private void apply(PartitionModel model, ConsumerRecord<String, String> r, List<CallRecord> done) {
        BusMessage m;
        try {
            m = BusMessage.decode(r.value());
        } catch (IllegalArgumentException bad) {
            malformed.increment();
            LOG.warnf("skipping malformed bus record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(),
                    bad.getMessage());
            return;
        }
        model.apply(m, r.offset(), done, (e, callId, view) -> {
            for (CallEventListener l : listeners) {
                try {
                    l.onEvent(e, callId, view);
                } catch (RuntimeException bug) {
                    LOG.warn("event listener failed", bug);
                }
            }
        });
        applied.increment();
    }

    /** Stores until it works: the offsets wait for the records. */
    private boolean storeAll(List<CallRecord> done) {
        long delay = retryMin.toMillis();
        while (running) {
            try {
                store.store(List.copyOf(done));
                stored.add(done.size());
                for (CallRecord r : done) {
                    for (CallEventListener l : listeners) {
                        try {
                            l.onRecord(r);
                        } catch (RuntimeException bug) {
                            LOG.warn("record listener failed", bug);
                        }
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                LOG.warnf("storing %d call records failed (%s); retrying in %d ms", done.size(), e.getMessage(), delay);
                try {
                    TimeUnit.MILLISECONDS.sleep(delay); // backoff between retries, not a poll
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                delay = Math.min(retryMin.toMillis() * 10, delay * 2);
            }
        }
        return false;
    }

    private Map<TopicPartition, OffsetAndMetadata> safeOffsets(Collection<TopicPartition> parts) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : parts) {
            PartitionModel m = models.get(tp);
            long safe = m == null ? -1 : m.safeOffset();
            if (safe >= 0) {
                out.put(tp, new OffsetAndMetadata(safe));
            }
        }
        return out;
    }

    /** Runs inside poll (or close) on the consumer thread, between batches: every record so far is stored. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> parts) {
            try {
                if (commitAllowed) {
                    consumer.commitSync(safeOffsets(parts));
                }
            } catch (RuntimeException e) {
                LOG.warnf("committing revoked partitions %s: %s", parts, e.getMessage());
            }
            parts.forEach(models::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> parts) {
            parts.forEach(models::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> parts) {
            Set<TopicPartition> set = Set.copyOf(parts);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(set);
            Map<TopicPartition, Long> ends = consumer.endOffsets(set);
            for (TopicPartition tp : parts) {
                // resuming from a commit: what lies before the end may have been applied already
                long replayEnd = committed.get(tp) == null ? 0 : ends.getOrDefault(tp, 0L);
                models.put(tp, new PartitionModel(settings, replayEnd));
            }
        }
    }

    public Collection<ActiveCall> activeCalls() {
        return models.values().stream().flatMap(m -> m.activeCalls().stream()).toList();
    }

    public Set<Integer> partitions() {
        return models.keySet().stream().map(TopicPartition::partition).collect(java.util.stream.Collectors.toSet());
    }

    public long appliedEvents() {
        return applied.sum();
    }

    public long malformedRecords() {
        return malformed.sum();
    }

    public long storedRecords() {
        return stored.sum();
    }

    /** Calls in progress in this instance's call models. */
    public int openCalls() {
        return models.values().stream().mapToInt(PartitionModel::openCalls).sum();
    }

    public long skippedEvents() {
        return models.values().stream().mapToLong(PartitionModel::skipped).sum();
    }

    /** Stops polling; the partitions' safe offsets are committed as they are given up. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
