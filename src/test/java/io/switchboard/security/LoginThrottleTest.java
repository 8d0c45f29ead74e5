package io.switchboard.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    record Settings(boolean enabled, int userAttempts, int ipAttempts, Duration window, Duration lockTime,
                    int maxTracked) implements SecurityConfig.LoginThrottleSettings {
    }

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final LoginThrottleHttpTest.MovingClock clock = new LoginThrottleHttpTest.MovingClock();

    LoginThrottle throttle(int maxTracked) {
        LoginThrottle t = new LoginThrottle(new Settings(true, 3, 5, Duration.ofMinutes(1), Duration.ofMinutes(2),
                maxTracked), registry);
        t.clock(clock);
        return t;
    }

    @Test
    void userLockLastsTheLockTimeAndIsCounted() {
        LoginThrottle t = throttle(1000);
        for (int i = 0; i < 3; i++) {
            assertThat(t.check("ann", "10.0.0.1")).isEmpty();
            t.failed("ann", "10.0.0.1");
        }
        assertThat(t.check("ann", "10.0.0.2")).contains(Duration.ofMinutes(2));
        assertThat(t.check("bob", "10.0.0.1")).isEmpty();
        clock.advance(Duration.ofSeconds(90));
        assertThat(t.check("ann", null)).contains(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(t.check("ann", null)).isEmpty();
        assertThat(registry.counter("switchboard.login.throttled").count()).isEqualTo(2);
    }

    @Test
    void addressLockCoversEveryName() {
        LoginThrottle t = throttle(1000);
        for (int i = 0; i < 5; i++) {
            t.failed("name" + i, "10.0.0.9");
        }
        assertThat(t.check("anyone", "10.0.0.9")).isPresent();
        assertThat(t.check(null, "10.0.0.9")).isPresent();
        assertThat(t.check("anyone", "10.0.0.8")).isEmpty();
    }

    @Test
    void successClearsTheNameNotTheAddress() {
        LoginThrottle t = throttle(1000);
        t.failed("ann", "10.0.0.1");
        t.failed("ann", "10.0.0.1");
        t.succeeded("ann");
        t.failed("ann", "10.0.0.1");
        t.failed("ann", "10.0.0.1");
        assertThat(t.check("ann", null)).isEmpty();
        t.failed("cy", "10.0.0.1");
        assertThat(t.check(null, "10.0.0.1")).isPresent(); // 5 failures from the address
    }

    @Test
    void oldFailuresLeaveTheWindow() {
        LoginThrottle t = throttle(1000);
        t.failed("ann", null);
        t.failed("ann", null);
        clock.advance(Duration.ofSeconds(61));
        t.failed("ann", null);
        assertThat(t.check("ann", null)).isEmpty();
    }

    @Test
    void trackedNamesStayBounded() {
        LoginThrottle t = throttle(10);
        for (int i = 0; i < 1000; i++) {
            t.failed("spray" + i, null);
        }
        // nothing is locked by a spray of single failures, and memory stays bounded
        assertThat(t.check("spray999", null)).isEmpty();
    }
}
