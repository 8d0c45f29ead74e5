package io.switchboard.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins counted per user name and per client address in a sliding window; over the limit
 * the name or address is refused for the lock time, before any password check (a locked user
 * costs no database read and no PBKDF2). In memory and non-blocking: called on I/O threads. A
 * successful login clears its user name's failures (not its address's: one right password from an
 * address that sprays others must not reset the address).
 */
@ApplicationScoped
public class LoginThrottle {

    private final SecurityConfig.LoginThrottleSettings settings;
    private final Counter throttled;
    private final Map<String, Failures> tracked = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();

    @Inject
    LoginThrottle(SecurityConfig config, MeterRegistry registry) {
        this(config.loginThrottle(), registry);
    }

    LoginThrottle(SecurityConfig.LoginThrottleSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.throttled = Counter.builder("switchboard.login.throttled")
                .description("login attempts refused with 429 because the user name or address was over its limit")
                .register(registry);
    }

    /** Tests drive the window and the lock through their own clock. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /**
     * How long this attempt must wait, or empty if it may go on. A refusal is counted in the
     * {@code switchboard.login.throttled} metric. {@code username} or {@code address} may be null.
     */
    public Optional<Duration> check(String username, String address) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        long now = clock.millis();
        long wait = Math.max(remaining(userKey(username), now), remaining(addressKey(address), now));
        if (wait <= 0) {
            return Optional.empty();
        }
        throttled.increment();
        return Optional.of(Duration.ofMillis(wait));
    }

    /** A failed login: counts against the user name and the address. */
    public void failed(String username, String address) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.millis();
        bound(now);
        count(userKey(username), settings.userAttempts(), now);
        count(addressKey(address), settings.ipAttempts(), now);
    }

    /** A successful login: the user name starts again from zero. */
    public void succeeded(String username) {
        String key = userKey(username);
        if (key != null) {
            tracked.remove(key);
        }
    }

    private long remaining(String key, long now) {
        Failures f = key == null ? null : tracked.get(key);
        if (f == null) {
            return 0;
        }
        synchronized (f) {
            return f.lockedUntil - now;
        }
    }

    private void count(String key, int limit, long now) {
        if (key == null) {
            return;
        }
        Failures f = tracked.computeIfAbsent(key, k -> new Failures());
        synchronized (f) {
            long windowStart = now - settings.window().toMillis();
            while (!f.times.isEmpty() && f.times.peekFirst() <= windowStart) {
                f.times.pollFirst();
            }
            f.times.addLast(now);
            if (f.times.size() >= limit) {
                f.lockedUntil = now + settings.lockTime().toMillis();
                f.times.clear(); // after the lock the count starts again
            }
        }
    }

    /** Under a spray of names the map stays bounded: idle entries go first, then everything. */
    private void bound(long now) {
        if (tracked.size() < settings.maxTracked()) {
            return;
        }
        long windowStart = now - settings.window().toMillis();
        tracked.entrySet().removeIf(e -> {
            Failures f = e.getValue();
            synchronized (f) {
                return f.lockedUntil <= now && (f.times.isEmpty() || f.times.peekLast() <= windowStart);
            }
        });
        if (tracked.size() >= settings.maxTracked()) {
            tracked.clear();
        }
    }

    private static String userKey(String username) {
        return username == null || username.isEmpty() ? null : "u:" + username;
    }

    private static String addressKey(String address) {
        return address == null || address.isEmpty() ? null : "a:" + address;
    }

    private static final class Failures {
        final ArrayDeque<Long> times = new ArrayDeque<>();
        long lockedUntil;
    }
}
