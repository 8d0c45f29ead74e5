package io.switchboard.push;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A single-node Kafka (KRaft, broker and controller in one) inside the test JVM, on free ports
 * and a fresh directory: format the storage, start, create the push topics, hand the address
 * to the application as {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public class EmbeddedKafka implements QuarkusTestResourceLifecycleManager {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EmbeddedKafka.class);
    static final List<String> TOPICS = List.of("switchboard.call-events", "switchboard.metric-snapshots");
    /** The event bus topic, with more partitions than the tests run instances. */
    public static final String BUS_TOPIC = "switchboard.pbx-events";
    public static final int BUS_PARTITIONS = 6;

    private Path dir;
    private KafkaRaftServer server;

    @Override
    public Map<String, String> start() {
        // the broker logs at INFO through the JVM's log manager, before the application configures it
        Logger.getLogger("kafka").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
        Logger.getLogger("state.change.logger").setLevel(Level.WARNING);
        long began = System.nanoTime();
        try {
            dir = Files.createTempDirectory("switchboard-kafka");
            int brokerPort = freePort();
            int controllerPort = freePort();
            KafkaConfig config = new KafkaConfig(settings(brokerPort, controllerPort));
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dir.toString())
                    .addDirectory(dir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            createTopics(bootstrap);
            LOG.infof("embedded Kafka on %s ready in %d ms", bootstrap, (System.nanoTime() - began) / 1_000_000);
            return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("embedded Kafka did not start", e);
        }
    }

    private Map<String, Object> settings(int brokerPort, int controllerPort) {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("num.partitions", "1");
        p.put("num.network.threads", "1");
        p.put("num.io.threads", "2");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Created up front, so the application's first sends do not wait for auto-creation. */
    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new java.util.ArrayList<>(TOPICS.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList());
            topics.add(new NewTopic(BUS_TOPIC, BUS_PARTITIONS, (short) 1));
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = null;
        }
    }
}
