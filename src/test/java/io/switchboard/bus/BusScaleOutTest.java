package io.switchboard.bus;

import io.switchboard.bus.BusHarness.Collectors;
import io.switchboard.bus.BusHarness.Group;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.Disposition;
import io.switchboard.calls.IngestLane;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.calls.TransferType;
import io.switchboard.events.CallEvent;
import io.switchboard.pbx.freeswitch.EslScenarioCheck;
import io.switchboard.push.EmbeddedKafka;
import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import io.switchboard.simulator.TruthTransfer;
import io.switchboard.simulator.esl.EslScenarioGenerator;
import io.switchboard.simulator.esl.GeneratedEslCall;
import io.switchboard.simulator.esl.TimedEslEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.switchboard.bus.BusHarness.WAIT;
import static io.switchboard.push.EmbeddedKafka.BUS_PARTITIONS;
import static io.switchboard.push.EmbeddedKafka.BUS_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out on a real Kafka broker: a deterministic mix of calls with known ground truth (queue
 * calls on three queues, abandons, timeouts, blind/attended transfers and redirects from the AMI
 * scenario generator; attended transfers whose consultation is a call of its own, on other
 * partitions; generated FreeSWITCH calls; the real FreeSWITCH capture) is published the way
 * collectors publish, while three consumer groups read it: one instance, two instances, and two
 * instances of which one stops half-way. Every group must store exactly the records one call
 * model builds from the same events, and those must match the truth. Then a reconnect gap, on a
 * topic of its own: the group stores exactly what the local mode stores for the same stream.
 */
class BusScaleOutTest {

    private static EmbeddedKafka kafka;
    private static String bootstrap;

    @BeforeAll
    static void broker() {
        kafka = new EmbeddedKafka();
        bootstrap = kafka.start().get("KAFKA_BOOTSTRAP_SERVERS");
    }

    @AfterAll
    static void stopBroker() {
        kafka.stop();
    }

    /** The nodes' event streams, in the order each node's collector reads them, and their truth. */
    private record Input(Map<String, String> pbxTypes, Map<String, List<CallEvent>> events,
                         List<GeneratedCall> amiCalls, List<GeneratedEslCall> eslCalls, int consults) {

        static Input build() {
            ScenarioMix mix = new ScenarioMix(23);
            List<GeneratedCall> ami = new ArrayList<>();
            List<String> queues = List.of("support", "sales", "billing");
            for (int i = 0; i < 150; i++) {
                ScenarioSpec s = mix.next();
                Transfer transfer = i % 10 == 3 ? Transfer.attended() : s.transfer();
                ScenarioSpec spec = new ScenarioSpec(s.callerNum(), s.callerName(), queues.get(i % 3), s.ivrVars(),
                        s.ringNoAnswerAgents(), s.answeringAgent(), s.waitMillis(), s.ringMillis(), s.talkMillis(),
                        s.holdMillis(), s.outcome(), s.outcome() == ScenarioSpec.Outcome.ANSWER ? transfer : null);
                ami.add(mix.generator().generate(spec));
            }
            ScenarioMix eslMix = new ScenarioMix(29);
            EslScenarioGenerator eslGenerator = new EslScenarioGenerator(29);
            List<GeneratedEslCall> esl = new ArrayList<>();
            long start = 1_795_464_082_745_024L;
            for (int i = 0; i < 60; i++) {
                ScenarioSpec spec = eslMix.next();
                if (spec.transfer() != null) {
                    spec = spec.withTransfer(Transfer.blind()); // the only kind generated for FreeSWITCH
                }
                esl.add(eslGenerator.generate(spec, start + i * 80_000L));
            }
            int consults = 30;
            Map<String, List<CallEvent>> events = new LinkedHashMap<>();
            events.put("ast1", BusEvents.asteriskTimed("ast1", ScenarioMix.schedule(ami, 15.0)));
            events.put("ast2", ConsultTransfers.events("ast2", consults, BusEvents.RECEIVED));
            events.put("fs1", BusEvents.freeswitch("fs1", EslScenarioGenerator.merge(esl).stream()
                    .map(TimedEslEvent::event).map(BusScaleOutTest::headers).toList()));
            events.put("fs2", BusEvents.freeswitchCapture("fs2", "callcenter-plain"));
            Map<String, String> types = Map.of("ast1", "asterisk", "ast2", "asterisk", "fs1", "freeswitch",
                    "fs2", "freeswitch");
            return new Input(types, events, ami, esl, consults);
        }

        /** What one call model per node (the local mode) makes of the same events. */
        Map<String, CallRecord> oneCallModel() {
            Map<String, CallRecord> out = new HashMap<>();
            events.forEach((node, list) -> {
                CallTracker tracker = new CallTracker(node, TrackerSettings.defaults(pbxTypes.get(node)));
                List<CallRecord> records = new ArrayList<>();
                list.forEach(e -> tracker.apply(e, records));
                assertThat(tracker.activeCount()).as("calls left open on " + node).isZero();
                records.forEach(r -> assertThat(out.put(r.id(), r)).as("one record per id").isNull());
            });
            return out;
        }
    }

    private static Map<String, String> headers(io.switchboard.simulator.esl.SimEvent event) {
        Map<String, String> h = new LinkedHashMap<>();
        event.headers().forEach(e -> h.putIfAbsent(e.getKey(), e.getValue()));
        return h;
    }

    static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % BUS_PARTITIONS;
    }

    @Test
    void twoInstancesAndARebalanceStoreExactlyTheRecordsOfOne() {
        Input in = Input.build();
        Map<String, CallRecord> expected = in.oneCallModel();
        matchesTheTruth(in, expected);
        long crossing = IntStream.range(0, in.consults())
                .filter(i -> partition("ast2:A-" + i) != partition("ast2:B-" + i)).count();
        assertThat(crossing).as("consultations published to another partition than their call").isPositive();

        Group one = new Group(bootstrap, BUS_TOPIC, "one", 1);
        Group two = new Group(bootstrap, BUS_TOPIC, "two", 2);
        Group stopping = new Group(bootstrap, BUS_TOPIC, "stopping", 2);
        try (Collectors collectors = new Collectors(bootstrap, BUS_TOPIC, in.pbxTypes())) {
            await().atMost(WAIT).until(() -> one.settled() && two.settled() && stopping.settled());

            collectors.publish(in.events(), 0, 0.5);
            BusConsumer leaving = stopping.instances.get(1);
            BusConsumer staying = stopping.instances.get(0);
            await().atMost(WAIT).until(() -> leaving.storedRecords() > 0 && staying.storedRecords() > 0);
            leaving.close(); // mid-way, calls in progress on its partitions
            await().atMost(WAIT).until(() -> staying.partitions().size() == BUS_PARTITIONS);
            collectors.publish(in.events(), 0.5, 1);

            for (Group g : List.of(one, two, stopping)) {
                await().atMost(WAIT).until(() -> g.store.records.size() >= expected.size());
                assertThat(g.store.records.keySet()).as(g.name).containsExactlyInAnyOrderElementsOf(expected.keySet());
                for (CallRecord r : expected.values()) {
                    assertThat(g.store.records.get(r.id())).as(r.id()).isEqualTo(r);
                }
            }
            assertThat(one.store.repeats).as("one instance writes each record once").hasValue(0);
            assertThat(collectors.publishers.get("ast2").resentEvents()).as("consultations re-sent").isPositive();
            assertThat(collectors.publishers.values()).allSatisfy(p -> assertThat(p.openCalls()).isZero());
            for (Group g : List.of(one, two, stopping)) {
                assertThat(g.instances).allSatisfy(c -> assertThat(c.malformedRecords()).isZero());
                // a replay builds no call from part of its events: none left open, no differing rewrite
                assertThat(g.store.conflicts).as("rewritten differently: %s", g.store.conflicting).hasValue(0);
                await().atMost(WAIT).until(() -> g.instances.stream().mapToInt(BusConsumer::openCalls).sum() == 0);
            }

        } finally {
            one.close();
            two.close();
            stopping.close();
        }
    }

    /**
     * A lost connection in the kafka mode: calls end and begin in the gap, consultations begun in it
     * are merged afterwards, agents' legs end in it. Two instances share the partitions and one stops
     * after the reconnect, so the other replays the snapshot's parts of its partitions. The group
     * stores exactly the local mode's records: the calls ended in the gap once each, settled; the
     * adopted ones once each, completed by their later events.
     */
    @Test
    void aReconnectGapGivesTheRecordsOfTheLocalMode() throws Exception {
        String topic = "switchboard.pbx-events.resync";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, BUS_PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        ReconnectGap gap = ReconnectGap.of("rc1", 90, BusEvents.RECEIVED, Duration.ofSeconds(42), Duration.ofSeconds(50));
        Map<String, CallRecord> local = gap.localRecords();
        ReconnectGap.assertRecovered(gap, local);

        Group group = new Group(bootstrap, topic, "resync", 2);
        try (Collectors collectors = new Collectors(bootstrap, topic, Map.of("rc1", "asterisk"))) {
            await().atMost(WAIT).until(group::settled);
            collectors.reconnect(gap);
            IngestLane lane = collectors.lanes.get("rc1");
            assertThat(lane.settledCalls()).as("calls 2-5 ended in the gap").isEqualTo(4);
            assertThat(lane.adoptedCalls()).isGreaterThanOrEqualTo(20); // 12 calls, 8 consultations at least
            List<CallEvent> after = gap.after();
            collectors.publish(Map.of("rc1", after), 0, 0.3);
            BusConsumer leaving = group.instances.get(1);
            BusConsumer staying = group.instances.get(0);
            await().atMost(WAIT).until(() -> leaving.appliedEvents() > 0 && staying.appliedEvents() > 0);
            leaving.close(); // adopted calls in progress on its partitions: the other rebuilds them
            await().atMost(WAIT).until(() -> staying.partitions().size() == BUS_PARTITIONS);
            collectors.publish(Map.of("rc1", after), 0.3, 1);

            await().atMost(WAIT).until(() -> group.store.records.size() >= local.size());
            assertThat(group.store.records.keySet()).containsExactlyInAnyOrderElementsOf(local.keySet());
            for (CallRecord r : local.values()) {
                assertThat(group.store.records.get(r.id())).as(r.id()).isEqualTo(r);
            }
            assertThat(group.store.conflicts).as("rewritten differently: %s", group.store.conflicting).hasValue(0);
            assertThat(staying.malformedRecords()).isZero();
            await().atMost(WAIT).until(() -> staying.openCalls() == 0);
            assertThat(collectors.publishers.get("rc1").openCalls()).isZero();
        } finally {
            group.close();
        }
    }

    /** The single call model's records are right: so equal records elsewhere are right too. */
    private static void matchesTheTruth(Input in, Map<String, CallRecord> records) {
        int total = in.amiCalls().size() + in.consults() + in.eslCalls().size();
        assertThat(records.keySet().stream().filter(id -> !id.startsWith("fs2:"))).hasSize(total);
        for (GeneratedCall c : in.amiCalls()) {
            CallRecord r = records.get("ast1:" + c.linkedId());
            CallTruth t = c.truth();
            assertThat(r).as(c.linkedId()).isNotNull();
            assertThat(r.disposition().name()).isEqualTo(t.disposition());
            assertThat(r.callerNumber()).isEqualTo(t.callerNum());
            assertThat(r.queue()).isEqualTo(t.queue());
            assertThat(r.agentInterface()).isEqualTo(t.agentInterface());
            assertThat(r.transfers()).extracting(x -> new TruthTransfer(x.type().name(), x.to()))
                    .containsExactlyElementsOf(t.transfers());
        }
        assertThat(in.amiCalls()).extracting(GeneratedCall::truth).extracting(CallTruth::queue).contains(
                "support", "sales", "billing");
        assertThat(in.amiCalls()).extracting(GeneratedCall::truth).extracting(CallTruth::disposition)
                .contains("ANSWERED", "ABANDONED", "TIMEOUT");
        for (int i = 0; i < in.consults(); i++) {
            CallRecord r = records.get("ast2:A-" + i);
            assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
            assertThat(r.transfers()).singleElement().satisfies(x -> {
                assertThat(x.type()).isEqualTo(TransferType.ATTENDED);
                assertThat(x.to()).isEqualTo(ConsultTransfers.TARGET);
            });
            assertThat(r.endedAt()).isEqualTo(r.startedAt().plusMillis(40_010 + 1_000L * i));
            assertThat(records).doesNotContainKey("ast2:B-" + i);
        }
        for (GeneratedEslCall c : in.eslCalls()) {
            EslScenarioCheck.assertMatches(records.get("fs1:" + c.callId()), c.truth());
        }
        assertThat(records.keySet().stream().filter(id -> id.startsWith("fs2:"))).isNotEmpty();
    }
}
