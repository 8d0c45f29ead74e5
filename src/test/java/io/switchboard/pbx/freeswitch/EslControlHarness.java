package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.CallEventListener;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.IngestLane;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.events.CallEvent;
import io.switchboard.pbx.ConnectionState;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.EslSimulatorSettings;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real simulator on an ephemeral port and a real collector logged in to it, with the call
 * model behind: what a call-control test needs, closed after each test.
 */
final class EslControlHarness implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(5);

    final EslSimulator sim;
    final IngestLane lane;
    final EslCollector collector;
    final List<CallRecord> records = new CopyOnWriteArrayList<>();
    final List<CallEvent> events = new CopyOnWriteArrayList<>();

    EslControlHarness() {
        sim = new EslSimulator(EslSimulatorSettings.defaults().withPassword("pw")).start();
        lane = new IngestLane("fs", new CallTracker("fs", TrackerSettings.defaults("freeswitch")), records::add,
                4096, Duration.ofMinutes(1));
        lane.addListener(new CallEventListener() {
            @Override
            public void onEvent(CallEvent event, String callId) {
                events.add(event);
            }
        });
        lane.start();
        collector = new EslCollector(new EslNodeSettings("fs", "127.0.0.1", sim.port(), "pw", Duration.ofSeconds(1)),
                new EslTranslator("fs", Set.of("INTENT", "CUSTOMER_ID")), lane);
        collector.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.state() == ConnectionState.CONNECTED);
        sim.clearReceivedCommands();
    }

    EslCallControl control() {
        return collector.control();
    }

    /** Runs the command and waits for its reply. */
    PbxReply run(PbxCommand command) throws Exception {
        return control().execute(command, DEADLINE).get(10, TimeUnit.SECONDS);
    }

    /** The bgapi commands the simulator received, in order, without the {@code bgapi } prefix. */
    List<String> wire() {
        return sim.receivedCommands().stream().filter(c -> c.startsWith("bgapi ")).map(c -> c.substring(6)).toList();
    }

    /** The first record of a call that ended, waiting for it. */
    CallRecord record(String pbxCallId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> records.stream().anyMatch(r -> r.pbxCallId().equals(pbxCallId)));
        return records.stream().filter(r -> r.pbxCallId().equals(pbxCallId)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        collector.close();
        lane.close();
        sim.close();
    }
}
