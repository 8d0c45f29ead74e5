package io.switchboard.pbx.asterisk;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.IngestLane;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.ConnectionState;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.SimulatorSettings;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real AMI simulator on an ephemeral port with a real collector, lane and call model in front of
 * it: what the call-control tests drive and observe.
 */
final class AmiNode implements AutoCloseable {

    static final String NODE = "ast";
    static final Set<String> IVR = Set.of("INTENT", "CUSTOMER_ID", "ACCOUNT_ID", "LANGUAGE");

    final AmiSimulator sim;
    final IngestLane lane;
    final AmiTranslator translator = new AmiTranslator(NODE, IVR);
    final AmiCollector collector;
    final List<CallRecord> records = new CopyOnWriteArrayList<>();

    AmiNode() {
        sim = new AmiSimulator(SimulatorSettings.defaults()).start();
        sim.transferTargetTalk(Duration.ofMillis(200));
        lane = new IngestLane(NODE, new CallTracker(NODE, TrackerSettings.defaults("asterisk")), records::add,
                4096, Duration.ofMinutes(1)).start();
        collector = new AmiCollector(new AmiNodeSettings(NODE, "127.0.0.1", sim.port(), "switchboard", "switchboard",
                Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofSeconds(2)), translator, lane);
    }

    AmiNode start() {
        collector.start();
        awaitConnected();
        return this;
    }

    void awaitConnected() {
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.state() == ConnectionState.CONNECTED);
        if (!sim.awaitEventClients(1, Duration.ofSeconds(5))) {
            throw new AssertionError("the collector did not subscribe to events");
        }
    }

    AmiCallControl control() {
        return collector.control();
    }

    PbxReply run(PbxCommand command) throws Exception {
        return control().execute(command, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
    }

    static AgentEndpoint agent(String device) {
        return new AgentEndpoint(NODE, "PJSIP/" + device, "PJSIP/" + device, device);
    }

    /** The last action of that name the simulator received. */
    AmiFrame lastAction(String action) {
        List<AmiFrame> all = sim.receivedActions(action);
        if (all.isEmpty()) {
            throw new AssertionError("no " + action + " action received");
        }
        return all.getLast();
    }

    /** The frame as sorted "name: value" lines, names lower-cased (AMI header names are case-insensitive), without the ActionID. */
    static List<String> headers(AmiFrame f) {
        return f.headers().stream().filter(h -> !h.getKey().equalsIgnoreCase("ActionID"))
                .map(h -> h.getKey().toLowerCase(Locale.ROOT) + ": " + h.getValue()).sorted().toList();
    }

    /** Actions other than the collector's heartbeat. */
    List<AmiFrame> commands() {
        return sim.receivedActions().stream().filter(a -> !"Ping".equalsIgnoreCase(a.get("Action"))).toList();
    }

    Optional<CallRecord> record(String callId) {
        return records.stream().filter(r -> r.pbxCallId().equals(callId)).findFirst();
    }

    CallRecord awaitRecord(String callId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> record(callId).isPresent());
        return record(callId).orElseThrow();
    }

    /** The call model's state of the call ("QUEUED", "CONNECTED", "ON_HOLD", ...), or null when not active. */
    String liveState(String callId) {
        return lane.activeCalls().stream().filter(v -> v.pbxCallId().equals(callId)).map(v -> v.state())
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        collector.close();
        lane.close();
        sim.close();
    }
}
