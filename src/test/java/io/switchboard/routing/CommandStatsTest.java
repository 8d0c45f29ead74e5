package io.switchboard.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The PBX command window: p99, error rate and expiry, on a clock the test moves. */
class CommandStatsTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final long MS = 1_000_000L;

    private final TestClock clock = new TestClock(START);
    private final CommandStats stats = new CommandStats(Duration.ofSeconds(60), clock);

    @Test
    void anEmptyWindowHasNoFigures() {
        assertThat(stats.figures()).isEqualTo(CommandStats.Figures.NONE);
        assertThat(stats.figures().errorRate()).isZero();
    }

    @Test
    void p99IsTheCommandSlowerThanNinetyNinePercentOfTheOthers() {
        for (int ms = 1; ms <= 100; ms++) {
            stats.record(ms * MS, false);
        }
        CommandStats.Figures f = stats.figures();
        assertThat(f.commands()).isEqualTo(100);
        // within one histogram step (12.5 %) of the 99th of 100 sorted latencies, never below it
        assertThat(f.p99Ms()).isGreaterThanOrEqualTo(99).isLessThan(99 * 1.125);
    }

    @Test
    void oneSlowCommandInAThousandDoesNotMakeTheP99() {
        for (int i = 0; i < 999; i++) {
            stats.record(2 * MS, false);
        }
        stats.record(5_000 * MS, true);
        CommandStats.Figures f = stats.figures();
        assertThat(f.p99Ms()).isGreaterThanOrEqualTo(2).isLessThan(2.25);
        assertThat(f.errorRate()).isCloseTo(0.001, within(1e-9));
    }

    @Test
    void errorRateIsFailedOverAll() {
        for (int i = 0; i < 40; i++) {
            stats.record(MS, i % 4 == 0);
        }
        assertThat(stats.figures().failed()).isEqualTo(10);
        assertThat(stats.figures().errorRate()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void commandsLeaveTheWindowAsTimeMovesOn() {
        stats.record(10 * MS, true);               // at 0 s
        clock.advance(Duration.ofSeconds(30));
        stats.record(10 * MS, false);              // at 30 s
        stats.record(10 * MS, false);
        assertThat(stats.figures().commands()).isEqualTo(3);
        assertThat(stats.figures().errorRate()).isCloseTo(1 / 3.0, within(1e-9));

        clock.advance(Duration.ofSeconds(31));     // 61 s: the first command is out
        assertThat(stats.figures().commands()).isEqualTo(2);
        assertThat(stats.figures().errorRate()).isZero();

        clock.advance(Duration.ofSeconds(30));     // 91 s: all out
        assertThat(stats.figures()).isEqualTo(CommandStats.Figures.NONE);

        stats.record(20 * MS, false);              // a slot used again starts from nothing
        assertThat(stats.figures().commands()).isEqualTo(1);
        assertThat(stats.figures().p99Ms()).isGreaterThanOrEqualTo(20).isLessThan(22.5);
    }

    @Test
    void commandsFromManyThreadsAreAllCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 10_000; i++) {
                    stats.record(MS, i % 10 == 0);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(stats.figures().commands()).isEqualTo(40_000);
        assertThat(stats.figures().failed()).isEqualTo(4_000);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "7,7", "8,8", "15,15", "16,17", "17,17", "18,19", "1000,1023", "1024,1151", "99999,106495"})
    void histogramStepsHoldTheirLatency(long micros, long upper) {
        int step = CommandStats.step(micros);
        assertThat(CommandStats.upperMicros(step)).isEqualTo(upper).isGreaterThanOrEqualTo(micros);
        assertThat(step == 0 || CommandStats.upperMicros(step - 1) < micros).isTrue();
    }
}
