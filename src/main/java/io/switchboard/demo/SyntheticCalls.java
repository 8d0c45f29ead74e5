package io.switchboard.demo;

import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.TimedFrame;
import io.switchboard.simulator.esl.EslScenarioGenerator;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.GeneratedEslCall;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Feeds the simulators a steady stream of varied synthetic queue calls, ten seconds at a time. */
final class SyntheticCalls {

    private static final Logger LOG = Logger.getLogger(SyntheticCalls.class);
    private static final int WINDOW_SECONDS = 10;

    private SyntheticCalls() {
    }

    static void schedule(ScheduledExecutorService timer, AmiSimulator simulator, double callsPerSecond, long seed) {
        if (callsPerSecond <= 0) {
            return;
        }
        ScenarioMix mix = new ScenarioMix(seed);
        int perWindow = Math.max(1, (int) Math.round(callsPerSecond * WINDOW_SECONDS));
        timer.scheduleAtFixedRate(() -> {
            try {
                List<GeneratedCall> calls = mix.calls(perWindow);
                List<TimedFrame> frames = ScenarioMix.schedule(calls, callsPerSecond);
                simulator.play(frames, PlayOptions.realTime());
            } catch (RuntimeException e) {
                LOG.warn("synthetic call generation failed", e);
            }
        }, 1, WINDOW_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The same mix for the FreeSWITCH simulator. mod_callcenter has no attended transfer of a
     * member and shows a redirect as a blind transfer, so those become blind transfers.
     */
    static void scheduleEsl(ScheduledExecutorService timer, EslSimulator simulator, double callsPerSecond,
                            long seed) {
        if (callsPerSecond <= 0 || simulator == null) {
            return;
        }
        ScenarioMix mix = new ScenarioMix(seed);
        EslScenarioGenerator generator = new EslScenarioGenerator(seed, simulator.coreUuid());
        int perWindow = Math.max(1, (int) Math.round(callsPerSecond * WINDOW_SECONDS));
        long spacingMicros = (long) (1_000_000 / callsPerSecond);
        timer.scheduleAtFixedRate(() -> {
            try {
                long start = System.currentTimeMillis() * 1_000;
                List<GeneratedEslCall> calls = new ArrayList<>(perWindow);
                for (int i = 0; i < perWindow; i++) {
                    ScenarioSpec spec = mix.next();
                    if (spec.transfer() != null && spec.transfer().type() != ScenarioSpec.TransferType.BLIND) {
                        spec = spec.withTransfer(ScenarioSpec.Transfer.blind());
                    }
                    try {
                        calls.add(generator.generate(spec, start + i * spacingMicros));
                    } catch (IllegalArgumentException notOnFreeSwitch) {
                        // a timing mod_callcenter cannot produce; the next spec will do
                    }
                }
                simulator.play(EslScenarioGenerator.merge(calls), PlayOptions.realTime());
            } catch (RuntimeException e) {
                LOG.warn("synthetic FreeSWITCH call generation failed", e);
            }
        }, 3, WINDOW_SECONDS, TimeUnit.SECONDS);
    }
}
