package io.switchboard.bench;

import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioSpec;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps {@code concurrent} synthetic queue calls up on the AMI simulator: each call is played in
 * real time, and when its last event is out a new call takes its place until {@link #stop()}.
 * Nine calls in ten are answered (1–4 s in the queue, talk around the mean), one in ten is
 * abandoned after 5–15 s. The ground truth is the set of linkedids whose last event went out.
 */
final class SoakCalls {

    private final AmiSimulator sim;
    private final int concurrent;
    private final long meanTalkMillis;
    private final ScenarioGenerator generator = new ScenarioGenerator(7);
    private final Random rng = new Random(11);
    /** Starts replacements off the simulator's playback thread, which completes the calls. */
    private final ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-calls");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final AtomicInteger up = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean running = true;

    SoakCalls(AmiSimulator sim, int concurrent, long meanTalkMillis) {
        this.sim = sim;
        this.concurrent = concurrent;
        this.meanTalkMillis = meanTalkMillis;
    }

    /** Starts the calls spread over {@code rampMillis}, so that their ends spread out too. */
    void start(long rampMillis) {
        for (int i = 0; i < concurrent; i++) {
            starter.schedule(this::startOne, rampMillis * i / concurrent, TimeUnit.MILLISECONDS);
        }
    }

    /** No more replacements; calls in progress play to their end. */
    void stop() {
        running = false;
    }

    boolean awaitAllEnded(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (up.get() > 0) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        starter.shutdown();
        return true;
    }

    int up() {
        return up.get();
    }

    int started() {
        return started.get();
    }

    /** Linkedids of the calls whose last event the simulator has written. */
    Set<String> ended() {
        return ended;
    }

    /** The longest a call can last, for waiting at the end. */
    long maxCallMillis() {
        return 4_000 + 1_000 + meanTalkMillis * 3 / 2 + 5_000;
    }

    private void startOne() {
        if (!running) {
            return;
        }
        int n = started.incrementAndGet();
        GeneratedCall call = generator.generate(spec(n));
        up.incrementAndGet();
        sim.play(call.frames(), PlayOptions.realTime()).done().whenComplete((ok, err) -> {
            if (err == null) {
                ended.add(call.linkedId());
            }
            up.decrementAndGet();
            starter.execute(this::startOne);
        });
    }

    private ScenarioSpec spec(int n) {
        String caller = "+1555" + (2_000_000 + n % 1_000_000);
        if (rng.nextInt(10) == 0) {
            return ScenarioSpec.abandoned(caller, "Soak " + n, 5_000 + rng.nextInt(10_000));
        }
        long talk = meanTalkMillis / 2 + (long) (rng.nextDouble() * meanTalkMillis);
        return ScenarioSpec.answered(caller, "Soak " + n, 1 + n % 50, 1_000 + rng.nextInt(3_000), talk);
    }
}
