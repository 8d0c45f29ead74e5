package io.switchboard.demo;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.simulator.AgiRouting;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.AmiTrace;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.TraceRewriter;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.EslSimulatorSettings;
import io.switchboard.simulator.esl.EslTrace;
import io.switchboard.simulator.esl.EslTraceRewriter;
import io.switchboard.simulator.esl.TimedEslEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the AMI simulator inside the service when {@code switchboard.simulator.enabled=true}
 * (the default of the dev-mode run), so calls flow with no PBX: synthetic queue calls at a
 * steady rate plus, now and then, the real captured traces with fresh ids.
 */
@ApplicationScoped
public class DemoSimulator {

    private static final Logger LOG = Logger.getLogger(DemoSimulator.class);

    @Inject
    SimulatorConfig config;

    private AmiSimulator simulator;
    private EslSimulator eslSimulator;
    private final List<List<TimedEslEvent>> eslTraces = new ArrayList<>();
    private ScheduledExecutorService timer;
    private final TraceRewriter rewriter = new TraceRewriter();
    private final List<AmiTrace> traces = new ArrayList<>();

    void start(@Observes @Priority(50) StartupEvent ev) {
        if (!config.enabled()) {
            return;
        }
        simulator = new AmiSimulator(new SimulatorSettings(config.host(), config.port(), config.username(),
                config.secret())).start();
        simulator.agiRouting(AgiRouting.defaults().withServer(config.agiHost(), config.agiPort()));
        LOG.infof("AMI simulator listening on %s:%d", config.host(), simulator.port());
        if (config.eslPort() > 0) {
            eslSimulator = new EslSimulator(new EslSimulatorSettings(config.host(), config.eslPort(),
                    config.eslPassword())).start();
            LOG.infof("FreeSWITCH event socket simulator listening on %s:%d", config.host(), eslSimulator.port());
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("demo-simulator")
                .daemon().unstarted(r));
        if (config.replayTraces()) {
            config.traces().forEach(t -> traces.add(AmiTrace.load(t)));
            if (eslSimulator != null) {
                config.eslTraces().forEach(t -> eslTraces.add(EslTrace.load(t)));
            }
            timer.scheduleWithFixedDelay(this::replayTraces, 2, config.replayEvery().toSeconds(), TimeUnit.SECONDS);
        }
        SyntheticCalls.schedule(timer, simulator, config.callsPerSecond(), config.seed());
        SyntheticCalls.scheduleEsl(timer, eslSimulator, config.eslCallsPerSecond(), config.seed());
    }

    private void replayTraces() {
        try {
            for (AmiTrace t : traces) {
                simulator.play(rewriter.rewrite(t.frames()), PlayOptions.realTime());
            }
            for (List<TimedEslEvent> t : eslTraces) {
                eslSimulator.play(EslTraceRewriter.rewrite(t), PlayOptions.realTime());
            }
        } catch (RuntimeException e) {
            LOG.warn("trace replay failed", e);
        }
    }

    /** The running event socket simulator; null when disabled. */
    public EslSimulator eslSimulator() {
        return eslSimulator;
    }

    /** The running simulator, for tests and the demo; null when disabled. */
    public AmiSimulator simulator() {
        return simulator;
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (eslSimulator != null) {
            eslSimulator.close();
        }
    }
}
