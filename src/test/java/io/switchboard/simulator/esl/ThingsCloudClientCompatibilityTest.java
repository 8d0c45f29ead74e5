package io.switchboard.simulator.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.Playback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import link.thingscloud.freeswitch.esl.IEslEventListener;
import link.thingscloud.freeswitch.esl.InboundClient;
import link.thingscloud.freeswitch.esl.inbound.NettyInboundClient;
import link.thingscloud.freeswitch.esl.inbound.option.InboundClientOption;
import link.thingscloud.freeswitch.esl.inbound.option.ServerOption;
import link.thingscloud.freeswitch.esl.transport.event.EslEvent;
import link.thingscloud.freeswitch.esl.transport.message.EslMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java ESL client the service uses (link.thingscloud:freeswitch-esl) against the simulator. */
class ThingsCloudClientCompatibilityTest {

    private EslSimulator sim;
    private InboundClient client;
    private final BlockingQueue<EslEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<EslEvent> jobs = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        sim = new EslSimulator(EslSimulatorSettings.defaults()).start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown();
        }
        sim.close();
    }

    private String connect(String... eventNames) {
        ServerOption server = new ServerOption("127.0.0.1", sim.port()).password("ClueCon").timeoutSeconds(1);
        InboundClientOption option = new InboundClientOption().defaultPassword("ClueCon").disablePublicExecutor(true)
                .addServerOption(server).addEvents(eventNames).addListener(new IEslEventListener() {
                    @Override
                    public void eventReceived(String addr, EslEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void backgroundJobResultReceived(String addr, EslEvent event) {
                        jobs.add(event);
                    }
                });
        // not InboundClient.newInstance: that is a JVM-wide singleton which can be created only once
        client = new NettyInboundClient(option);
        client.start();
        assertThat(sim.awaitEventClients(1, Duration.ofSeconds(10))).isTrue();
        return server.addr();
    }

    private static Map<String, String> headers(SimEvent e) {
        Map<String, String> out = new LinkedHashMap<>();
        e.headers().forEach(h -> out.putIfAbsent(h.getKey(), h.getValue()));
        return out;
    }

    @Test
    void receivesTheCaptureWithTheSameHeaders() throws Exception {
        connect("ALL");
        assertThat(sim.receivedCommands()).contains("auth ClueCon");
        assertThat(sim.receivedCommands()).anyMatch(c -> c.startsWith("event plain") && c.contains("ALL"));

        List<TimedEslEvent> slice = EslTrace.load("/simulator/freeswitch/callcenter-plain.esl").subList(0, 400);
        Playback p = sim.play(slice, PlayOptions.fullSpeed());
        p.done().get(10, TimeUnit.SECONDS);
        long backgroundJobs = slice.stream().filter(te -> "BACKGROUND_JOB".equals(te.event().eventName())).count();
        assertThat(backgroundJobs).isPositive();
        List<EslEvent> got = new ArrayList<>();
        for (int i = 0; i < slice.size() - backgroundJobs; i++) {
            EslEvent e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("event %d", i).isNotNull();
            got.add(e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.size() == backgroundJobs);
        // the client may dispatch on several threads, so compare per Event-Sequence, not by position
        Map<String, EslEvent> bySequence = new LinkedHashMap<>();
        got.forEach(e -> bySequence.put(e.getEventHeaders().get("Event-Sequence"), e));
        for (TimedEslEvent te : slice) {
            SimEvent original = te.event();
            if ("BACKGROUND_JOB".equals(original.eventName())) {
                continue; // delivered to the job callback instead
            }
            EslEvent received = bySequence.get(original.header("Event-Sequence"));
            assertThat(received).as("event %s", original.header("Event-Sequence")).isNotNull();
            Map<String, String> expected = headers(original);
            // the playback moves times to now; everything else must arrive exactly as captured
            expected.keySet().removeIf(k -> k.startsWith("Event-Date-") || k.endsWith("-Time")
                    || k.contains("epoch") || k.endsWith("_stamp") || k.startsWith("variable_Event-Date-"));
            Map<String, String> actual = new LinkedHashMap<>(received.getEventHeaders());
            actual.keySet().retainAll(expected.keySet());
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void syncAndBackgroundApiWork() throws Exception {
        String addr = connect("BACKGROUND_JOB", "CHANNEL_CREATE");
        EslMessage status = client.sendSyncApiCommand(addr, "status", "");
        assertThat(String.join("\n", status.getBodyLines())).startsWith("UP 0 years").contains("is ready");

        String jobUuid = client.sendAsyncApiCommand(addr, "originate",
                "{origination_uuid=c86602ed-9048-4be2-b01d-eb240f02391f}loopback/support/cc_test &park()");
        assertThat(jobUuid).matches("[0-9a-f-]{36}");
        EslEvent job = jobs.poll(10, TimeUnit.SECONDS);
        assertThat(job).isNotNull();
        assertThat(job.getEventHeaders().get("Job-UUID")).isEqualTo(jobUuid);
        assertThat(job.getEventBodyLines()).containsExactly("+OK c86602ed-9048-4be2-b01d-eb240f02391f");
    }

    @Test
    void customSubclassSubscriptionReachesTheListener() throws Exception {
        connect("CHANNEL_CREATE", "CHANNEL_ANSWER", "BACKGROUND_JOB", "HEARTBEAT", "CUSTOM", "callcenter::info");
        // FreeSWITCH takes only the words after CUSTOM as subclasses; the client keeps the given order
        assertThat(sim.receivedCommands()).filteredOn(c -> c.startsWith("event ")).singleElement()
                .satisfies(c -> assertThat(c.strip()).isEqualTo(
                        "event plain CHANNEL_CREATE CHANNEL_ANSWER BACKGROUND_JOB HEARTBEAT CUSTOM callcenter::info"));
        sim.emit(SimEvent.of("Event-Subclass", "sofia::register", "Event-Name", "CUSTOM"));
        sim.emit(SimEvent.of("Event-Name", "CHANNEL_STATE", "Unique-ID", "c86602ed-9048-4be2-b01d-eb240f02391f"));
        sim.emit(SimEvent.of("Event-Subclass", "callcenter::info", "Event-Name", "CUSTOM", "CC-Action",
                "member-queue-start"));
        EslEvent e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.getEventHeaders()).containsEntry("Event-Subclass", "callcenter::info")
                .containsEntry("CC-Action", "member-queue-start");
        assertThat(sim.awaitDrained(Duration.ofSeconds(5))).isTrue();
        assertThat(events.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }
}
