package io.switchboard.demo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The demo's periodic feeders each run on a daemon thread of their own, so none delays another. */
final class DemoTimer {

    private DemoTimer() {
    }

    /** Runs {@code task} every {@code every} (first run after one period) on a thread called {@code name}. */
    static ScheduledExecutorService every(String name, Duration every, Runnable task) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name(name).daemon().unstarted(r));
        timer.scheduleWithFixedDelay(task, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return timer;
    }
}
