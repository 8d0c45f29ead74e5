package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.CallTracker;
import io.switchboard.calls.IngestLane;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.pbx.ConnectionState;
import io.switchboard.pbx.UnsafePbxValueException;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.EslSimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** bgapi over a real socket: results correlated by Job-UUID, a deadline, and no command injection. */
class EslCollectorCommandTest {

    private EslSimulator sim;
    private IngestLane lane;
    private EslCollector collector;

    @BeforeEach
    void connect() {
        sim = new EslSimulator(EslSimulatorSettings.defaults().withPassword("pw")).start();
        lane = new IngestLane("fs", new CallTracker("fs", TrackerSettings.defaults("freeswitch")), r -> {
        }, 1024, Duration.ofMinutes(1)).start();
        collector = new EslCollector(new EslNodeSettings("fs", "127.0.0.1", sim.port(), "pw", Duration.ofSeconds(1)),
                new EslTranslator("fs", Set.of()), lane);
        collector.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.status().state() == ConnectionState.CONNECTED);
    }

    @AfterEach
    void close() {
        collector.close();
        lane.close();
        sim.close();
    }

    @Test
    void backgroundJobResultsComeBackToTheirCaller() throws Exception {
        sim.onApi("echo", arg -> "+OK " + arg + "\n");
        var first = collector.bgapi("echo", "one", Duration.ofSeconds(5));
        var second = collector.bgapi("echo", "two", Duration.ofSeconds(5));
        assertThat(second.get(5, TimeUnit.SECONDS)).startsWith("+OK two");
        assertThat(first.get(5, TimeUnit.SECONDS)).startsWith("+OK one");
        assertThat(sim.receivedCommands()).contains("bgapi echo one", "bgapi echo two");
    }

    @Test
    void aJobWithoutResultFailsAtItsDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        sim.onApi("stuck", arg -> {
            try {
                release.await(10, TimeUnit.SECONDS); // the PBX takes its time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "+OK late\n";
        });
        var result = collector.bgapi("stuck", "", Duration.ofMillis(300));
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        release.countDown();
    }

    @Test
    void lineBreaksNeverReachTheSocket() {
        var result = collector.bgapi("originate", "user/1000 &park()\n\nexit", Duration.ofSeconds(1));
        assertThatThrownBy(result::join).hasCauseInstanceOf(UnsafePbxValueException.class);
        var result2 = collector.bgapi("status\r\napi shutdown", "", Duration.ofSeconds(1));
        assertThatThrownBy(result2::join).hasCauseInstanceOf(UnsafePbxValueException.class);
        assertThat(sim.receivedCommands()).noneMatch(c -> c.contains("exit") || c.contains("shutdown"));
    }
}
