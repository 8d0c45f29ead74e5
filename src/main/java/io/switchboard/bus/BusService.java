package io.switchboard.bus;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallEventListener;
import io.switchboard.calls.CallsConfig;
import io.switchboard.calls.EventBus;
import io.switchboard.calls.LaneTap;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.persistence.CallRecordWriter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * The event bus in the kafka mode ({@code switchboard.bus.mode=kafka}): the nodes' lanes
 * publish through {@link BusPublisher}s on one idempotent producer, and, unless
 * {@code switchboard.bus.consume=false}, a {@link BusConsumer} keeps this instance's share of
 * the call models, storing records with {@link CallRecordWriter#write} and feeding the listeners.
 * In the local mode it does nothing.
 */
@ApplicationScoped
public class BusService implements EventBus {

    private static final Logger LOG = Logger.getLogger(BusService.class);

    @Inject
    BusConfig config;
    @Inject
    CallsConfig calls;
    @Inject
    CallRecordWriter writer;
    @Inject
    Instance<CallEventListener> listeners;
    @Inject
    MeterRegistry registry;

    private KafkaProducer<String, String> producer;
    private BusConsumer consumer;
    private final LongAdder sendFailures = new LongAdder();

    @Override
    public boolean enabled() {
        return config.mode() == BusConfig.Mode.KAFKA;
    }

    void start(@Observes @Priority(30) StartupEvent ev) {
        if (!enabled() || !config.consume()) {
            return;
        }
        consumer = new BusConsumer(config.bootstrapServers(), config.topic(), config.group(), instanceName(),
                config.maxPollRecords(), this::trackerSettings, writer::write, config.retryMin());
        listeners.forEach(consumer::addListener);
        FunctionCounter.builder("switchboard.bus.events", consumer, BusConsumer::appliedEvents)
                .description("Bus records applied to this instance's call models").register(registry);
        FunctionCounter.builder("switchboard.bus.malformed", consumer, BusConsumer::malformedRecords)
                .description("Bus records that could not be read (skipped)").register(registry);
        FunctionCounter.builder("switchboard.bus.replay.skipped", consumer, BusConsumer::skippedEvents)
                .description("Replayed events of calls stored before the committed offset (skipped)")
                .register(registry);
        Gauge.builder("switchboard.bus.partitions", consumer, c -> c.partitions().size())
                .description("Event topic partitions this instance keeps call models for").register(registry);
        consumer.start();
        LOG.infof("event bus: consuming %s as group %s", config.topic(), config.group());
    }

    TrackerSettings trackerSettings(String pbxType) {
        return new TrackerSettings(pbxType, new HashSet<>(calls.inboundContexts()),
                new HashSet<>(calls.outboundContexts()), calls.maxIdle(), calls.finishedMemory());
    }

    @Override
    public synchronized LaneTap publisher(String nodeId, String pbxType) {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"); // retries keep order, no duplicates
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
            FunctionCounter.builder("switchboard.bus.send.failures", sendFailures, LongAdder::sum)
                    .description("Bus records the broker did not take (after the producer's retries)")
                    .register(registry);
        }
        KafkaProducer<String, String> out = producer;
        return new BusPublisher(nodeId, pbxType, (key, m) -> out.send(new ProducerRecord<>(config.topic(), key,
                m.encode()), (meta, error) -> {
                    if (error != null) {
                        sendFailures.increment();
                        LOG.warnf("publishing an event of %s failed: %s", key, error.getMessage());
                    }
                }));
    }

    /** This instance's consumer, or null when it keeps no call models. */
    BusConsumer consumer() {
        return consumer;
    }

    @Override
    public Collection<ActiveCall> activeCalls() {
        BusConsumer c = consumer;
        return c == null ? List.of() : c.activeCalls();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (consumer != null) {
            consumer.close();
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(java.time.Duration.ofSeconds(5));
            }
        }
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
