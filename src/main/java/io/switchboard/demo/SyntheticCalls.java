package io.switchboard.demo;

import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.TimedFrame;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Feeds the simulator a steady stream of varied synthetic queue calls, ten seconds at a time. */
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
}
