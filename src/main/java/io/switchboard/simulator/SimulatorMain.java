package io.switchboard.simulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Manual demo: an AMI simulator on a port that places mixed queue calls forever.
 * Usage: {@code SimulatorMain [port] [callsPerSecond] [username] [secret]}, defaults 5038, 1.0,
 * switchboard, switchboard.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5038;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        SimulatorSettings defaults = SimulatorSettings.defaults();
        String user = args.length > 2 ? args[2] : defaults.username();
        String secret = args.length > 3 ? args[3] : defaults.secret();
        if (!(rate > 0)) {
            throw new IllegalArgumentException("calls per second must be > 0");
        }
        AmiSimulator simulator = new AmiSimulator(new SimulatorSettings(defaults.bindHost(), port, user, secret)).start();
        ScenarioMix mix = new ScenarioMix(System.nanoTime());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ami-sim-call-starter");
            t.setDaemon(true);
            return t;
        });
        // each call is its own playback; calls overlap like in a real queue
        PlayOptions options = PlayOptions.realTime().withHoldWhileNoClient(false);
        timer.scheduleAtFixedRate(() -> simulator.play(mix.calls(1).get(0).frames(), options),
                0, Math.max(1, Math.round(1_000_000 / rate)), TimeUnit.MICROSECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            simulator.close();
        }));
        System.out.printf("AMI simulator on %s:%d (user %s), %.2f calls/s; Ctrl-C stops%n",
                defaults.bindHost(), simulator.port(), user, rate);
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
