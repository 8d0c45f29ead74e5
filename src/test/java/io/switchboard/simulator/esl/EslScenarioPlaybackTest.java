package io.switchboard.simulator.esl;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.calls.CallRecord;
import io.switchboard.pbx.freeswitch.EslScenarioCheck;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.Playback;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated calls played by a real simulator over TCP: a raw event-socket client parses the wire
 * form (plain and json), and the decoded events still give records equal to the truth.
 */
class EslScenarioPlaybackTest {

    private static final long START = 1_795_464_082_745_024L;

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void generatedCallsParseOffTheWireAndMatchTheirTruth(String format) throws Exception {
        try (EslSimulator sim = new EslSimulator(EslSimulatorSettings.defaults()).start();
             RawEslClient client = RawEslClient.authenticated(sim.port(), "ClueCon")) {
            assertThat(client.command("event " + format + " ALL").header("Reply-Text"))
                    .startsWith("+OK event listener");
            EslScenarioGenerator generator = new EslScenarioGenerator(21, sim.coreUuid());
            List<ScenarioSpec> specs = List.of(
                    ScenarioSpec.answered("5550101", "Ann Lee", 2, 6_000, 9_000).withRingNoAnswer(List.of("1"), 2_500)
                            .withHold(2_000).withIvrVars(Map.of("INTENT", "billing & more", "LANGUAGE", "de")),
                    ScenarioSpec.answered("5550102", "Bob", 3, 1_500, 4_000).withTransfer(Transfer.blind()),
                    ScenarioSpec.abandoned("5550103", "Cid", 3_000),
                    ScenarioSpec.timedOut("5550104", "Dee", 30_000));
            List<GeneratedEslCall> calls = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                calls.add(generator.generate(specs.get(i), START + i * 700_000L));
            }
            List<TimedEslEvent> script = EslScenarioGenerator.merge(calls);

            Playback playback = sim.play(script, PlayOptions.fullSpeed());
            List<SimEvent> received = client.events(script.size());
            playback.done().get(10, TimeUnit.SECONDS);

            for (int i = 0; i < received.size(); i++) {
                SimEvent sent = script.get(i).event();
                assertThat(received.get(i).eventName()).isEqualTo(sent.eventName());
                assertThat(received.get(i).header("Event-Sequence")).isEqualTo(sent.header("Event-Sequence"));
                assertThat(received.get(i).header("Core-UUID")).isEqualTo(sim.coreUuid());
            }
            List<CallRecord> records = EslScenarioCheck.track(received);
            assertThat(records).hasSize(calls.size());
            Map<String, CallRecord> byId = new HashMap<>();
            records.forEach(r -> byId.put(r.pbxCallId(), r));
            for (GeneratedEslCall call : calls) {
                EslScenarioCheck.assertMatches(byId.get(call.callId()), call.truth());
            }
        }
    }
}
