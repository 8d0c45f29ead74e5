package io.switchboard.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Failed logins lock a user name (Basic and the form login alike) and an address with 429 and
 * Retry-After, before the password is checked; the window and lock run on a test clock.
 */
@QuarkusTest
@TestProfile(HardenedProfile.class)
class LoginThrottleHttpTest {

    @Inject
    LoginThrottle throttle;
    @Inject
    UserStore users;
    @Inject
    MeterRegistry registry;

    static final MovingClock clock = new MovingClock();

    @BeforeEach
    void freshClock() {
        // every test starts far past the previous one's locks and windows
        clock.advance(Duration.ofDays(1));
        throttle.clock(clock);
    }

    private String user(String password) {
        String name = "thr-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(name, password, Set.of(Roles.ADMIN), null, Set.of(), "default");
        return name;
    }

    private static Response basic(String user, String password) {
        return given().auth().preemptive().basic(user, password).get("/api/v1/session");
    }

    private static Response form(String user, String password) {
        return given().formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
    }

    @Test
    void failuresLockTheUserEvenWithTheRightPasswordUntilTheLockEnds() {
        String u = user("right-pw-1");
        String other = user("right-pw-2");
        for (int i = 0; i < HardenedProfile.USER_ATTEMPTS; i++) {
            basic(u, "wrong").then().statusCode(401);
        }
        Response locked = basic(u, "right-pw-1");
        locked.then().statusCode(429).body("status", equalTo(429)).body("error", equalTo("Too Many Requests"));
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, Duration.parse("PT" + HardenedProfile.LOCK.toUpperCase()).toSeconds());
        assertThat(locked.jsonPath().getString("message")).contains("too many failed logins");
        basic(other, "right-pw-2").then().statusCode(200).body("authenticated", equalTo(true));

        clock.advance(Duration.parse("PT" + HardenedProfile.LOCK.toUpperCase()).plusSeconds(1));
        basic(u, "right-pw-1").then().statusCode(200).body("authenticated", equalTo(true));
    }

    @Test
    void formLoginFailuresLockTheUserForEveryMechanism() {
        String u = user("form-pw");
        for (int i = 0; i < HardenedProfile.USER_ATTEMPTS; i++) {
            form(u, "wrong").then().statusCode(401);
        }
        form(u, "form-pw").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        basic(u, "form-pw").then().statusCode(429);
    }

    @Test
    void aSuccessfulLoginResetsTheUsersCount() {
        String u = user("reset-pw");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < HardenedProfile.USER_ATTEMPTS - 1; i++) {
                basic(u, "wrong-" + round).then().statusCode(401);
            }
            basic(u, "reset-pw").then().statusCode(200);
        }
    }

    @Test
    void failuresSlideOutOfTheWindow() {
        String u = user("slide-pw");
        for (int i = 0; i < HardenedProfile.USER_ATTEMPTS - 1; i++) {
            basic(u, "wrong").then().statusCode(401);
        }
        clock.advance(Duration.parse("PT" + HardenedProfile.WINDOW.toUpperCase()).plusSeconds(1));
        basic(u, "wrong").then().statusCode(401);
        basic(u, "slide-pw").then().statusCode(200);
    }

    @Test
    void anAddressSprayingNamesIsLockedForEveryUserAndCounted() {
        double before = registry.counter("switchboard.login.throttled").count();
        String victim = user("victim-pw");
        for (int i = 0; i < HardenedProfile.IP_ATTEMPTS; i++) {
            basic("spray-" + UUID.randomUUID(), "guess").then().statusCode(401);
        }
        basic(victim, "victim-pw").then().statusCode(429);
        given().header(ApiKeyAuthentication.HEADER, "sb_whatever").get("/api/v1/session").then().statusCode(429);
        given().header("Authorization", "ApiKey sb_whatever").get("/api/v1/session").then().statusCode(429);
        assertThat(registry.counter("switchboard.login.throttled").count()).isGreaterThanOrEqualTo(before + 2);

        clock.advance(Duration.parse("PT" + HardenedProfile.LOCK.toUpperCase()).plusSeconds(1));
        basic(victim, "victim-pw").then().statusCode(200);
    }

    @Test
    void aShippedDemoLoginIsRefusedEvenIfTheUserExists() {
        // the same row the dev seeding writes, so tests sharing the database see no difference
        users.save("admin", DemoCredentials.password("admin"), Set.of(Roles.ADMIN), null, Set.of(), "demo");
        basic("admin", "admin").then().statusCode(401);
        String u = user("not-a-demo-password");
        basic(u, "not-a-demo-password").then().statusCode(200);
    }

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        private volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
