package io.switchboard.bus;

import io.switchboard.calls.CallTracker;
import io.switchboard.calls.IngestLane;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.events.CallEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.switchboard.push.EmbeddedKafka.BUS_PARTITIONS;
import static org.awaitility.Awaitility.await;

/** Both sides of the bus on a real broker, as the kafka mode runs them: the nodes' lanes and consumer groups. */
final class BusHarness {

    static final Duration WAIT = Duration.ofSeconds(30);

    private BusHarness() {
    }

    /** One consumer group: its instances and the records they stored. */
    static final class Group {
        final MemoryStore store = new MemoryStore();
        final List<BusConsumer> instances = new ArrayList<>();
        final String name;

        Group(String bootstrap, String topic, String name, int size) {
            this.name = name;
            for (int i = 0; i < size; i++) {
                instances.add(new BusConsumer(bootstrap, topic, name, name + "-" + i, 50,
                        TrackerSettings::defaults, store, Duration.ofMillis(50)).start());
            }
        }

        boolean settled() {
            return instances.stream().allMatch(c -> !c.partitions().isEmpty())
                    && instances.stream().mapToInt(c -> c.partitions().size()).sum() == BUS_PARTITIONS;
        }

        void close() {
            instances.forEach(BusConsumer::close);
        }
    }

    /** The collectors' side: a lane per node whose tap publishes, as in the kafka mode. */
    static final class Collectors implements AutoCloseable {
        final KafkaProducer<String, String> producer;
        final Map<String, IngestLane> lanes = new LinkedHashMap<>();
        final Map<String, BusPublisher> publishers = new HashMap<>();
        final Map<String, Integer> submitted = new HashMap<>();

        Collectors(String bootstrap, String topic, Map<String, String> types) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
            types.forEach((node, type) -> {
                BusPublisher publisher = new BusPublisher(node, type,
                        (key, m) -> producer.send(new ProducerRecord<>(topic, key, m.encode())));
                publishers.put(node, publisher);
                lanes.put(node, new IngestLane(node, new CallTracker(node, TrackerSettings.defaults(type)),
                        r -> { }, 10_000, Duration.ofMinutes(1)).tap(publisher).start());
            });
        }

        /** Hands events {@code [from, to)} of each node to its lane and waits until they are on the broker. */
        void publish(Map<String, List<CallEvent>> events, double from, double to) {
            events.forEach((node, list) -> {
                int a = (int) (list.size() * from);
                int b = (int) (list.size() * to);
                list.subList(a, b).forEach(lanes.get(node)::submit);
                submitted.merge(node, b - a, Integer::sum);
            });
            await().atMost(WAIT).until(() -> lanes.entrySet().stream()
                    .allMatch(en -> en.getValue().appliedEvents() == submitted.get(en.getKey())));
            producer.flush();
        }

        /** A reconnect of one node: its events read before the gap, then the snapshot taken at the reconnect. */
        void reconnect(ReconnectGap gap) {
            publish(Map.of(gap.node(), gap.before()), 0, 1);
            IngestLane lane = lanes.get(gap.node());
            long before = lane.resyncs();
            lane.resync(gap.snapshot());
            await().atMost(WAIT).until(() -> lane.resyncs() == before + 1);
            producer.flush();
        }

        @Override
        public void close() {
            lanes.values().forEach(IngestLane::close);
            producer.close();
        }
    }
}
