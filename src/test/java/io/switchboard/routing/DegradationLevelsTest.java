package io.switchboard.routing;

import io.switchboard.routing.RoutingPolicy.TenantPolicy;
import io.switchboard.routing.RoutingPolicy.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The level rules, driven by load tables: (second, figures) in, level in force out. Not a
 * {@code @QuarkusTest}: the rules are plain code with a clock the test moves.
 */
class DegradationLevelsTest {

    private static final String T = "acme";
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    /** Waiting thresholds 10 / 25 / 60, leave below half of them after 10 s. */
    private static final TenantPolicy WAITING = new TenantPolicy(new Thresholds(10, null, null, null),
            new Thresholds(25, null, null, null), new Thresholds(60, null, null, null), 0.5, 10, null, null);

    /** Only level 1 (longest wait) and level 3 (command errors) are set. */
    private static final TenantPolicy SPARSE = new TenantPolicy(new Thresholds(null, 60, null, null), null,
            new Thresholds(null, null, null, 0.5), 0.5, 10, null, null);

    /** Line use only. */
    private static final TenantPolicy LINES = new TenantPolicy(new Thresholds(null, null, 0.8, null),
            new Thresholds(null, null, 0.9, null), new Thresholds(null, null, 0.97, null), 0.9, 5, null, null);

    /** At second {@code t} the tenant has these figures; the level in force must then be {@code level}. */
    record Step(int t, int waiting, int longestWaitS, double lineUse, double errorRate, int level) {
        LoadSnapshot.TenantLoad load() {
            return new LoadSnapshot.TenantLoad(T, waiting, longestWaitS * 1000L, 0, 0, 0, 0, lineUse, errorRate);
        }
    }

    record Scenario(String name, TenantPolicy policy, List<Step> steps, List<String> transitions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Step w(int t, int waiting, int level) {
        return new Step(t, waiting, 0, 0, 0, level);
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("ramp up through every level and back down one at a time", WAITING, List.of(
                        w(0, 0, 0), w(1, 10, 1), w(2, 24, 1), w(3, 25, 2), w(4, 60, 3),
                        w(5, 29, 3), w(14, 29, 3), w(15, 29, 2),   // calm for L3 (< 30) held 10 s
                        w(16, 12, 2), w(25, 12, 2), w(26, 12, 1),  // calm for L2 (< 12.5) held 10 s
                        w(27, 4, 1), w(36, 4, 1), w(37, 0, 0)),    // calm for L1 (< 5) held 10 s
                        List.of("0->1 waiting 10 >= 10", "1->2 waiting 25 >= 25", "2->3 waiting 60 >= 60",
                                "3->2 below 0.5 x level 3 thresholds for 10 s",
                                "2->1 below 0.5 x level 2 thresholds for 10 s",
                                "1->0 below 0.5 x level 1 thresholds for 10 s")),
                new Scenario("between leave and enter thresholds the level stays", WAITING, List.of(
                        w(0, 30, 2), w(100, 13, 2), w(200, 24, 2), w(300, 5, 2), w(310, 5, 1)),
                        List.of("0->2 waiting 30 >= 25", "2->1 below 0.5 x level 2 thresholds for 10 s")),
                new Scenario("a spike during the hold-down starts the wait again", WAITING, List.of(
                        w(0, 10, 1), w(1, 0, 1), w(8, 6, 1), w(10, 0, 1), w(19, 0, 1), w(20, 0, 0)),
                        List.of("0->1 waiting 10 >= 10", "1->0 below 0.5 x level 1 thresholds for 10 s")),
                new Scenario("straight from normal to emergency", WAITING, List.of(
                        w(0, 0, 0), w(1, 70, 3), w(2, 70, 3)),
                        List.of("0->3 waiting 70 >= 60")),
                new Scenario("one level up while stepping down", WAITING, List.of(
                        w(0, 60, 3), w(1, 0, 3), w(11, 0, 2), w(12, 60, 3)),
                        List.of("0->3 waiting 60 >= 60", "3->2 below 0.5 x level 3 thresholds for 10 s",
                                "2->3 waiting 60 >= 60")),
                new Scenario("thresholds not set are ignored", SPARSE, List.of(
                        w(0, 1000, 0),
                        new Step(1, 1000, 60, 0, 0, 1),
                        new Step(2, 0, 0, 0, 0.5, 3),
                        new Step(3, 0, 0, 0, 0, 3),
                        new Step(13, 0, 0, 0, 0, 2),   // level 2 sets nothing: calm at once
                        new Step(23, 0, 0, 0, 0, 1),
                        new Step(33, 0, 0, 0, 0, 0)),
                        List.of("0->1 longest wait 60 s >= 60 s", "1->3 command error rate 0.50 >= 0.50",
                                "3->2 below 0.5 x level 3 thresholds for 10 s",
                                "2->1 below 0.5 x level 2 thresholds for 10 s",
                                "1->0 below 0.5 x level 1 thresholds for 10 s")),
                new Scenario("line use", LINES, List.of(
                        new Step(0, 0, 0, 0.5, 0, 0),
                        new Step(1, 0, 0, 0.91, 0, 2),
                        new Step(2, 0, 0, 0.85, 0, 2),  // 0.85 >= 0.9 x 0.9: not calm
                        new Step(3, 0, 0, 0.80, 0, 2),
                        new Step(8, 0, 0, 0.80, 0, 1)),
                        List.of("0->2 line use 0.91 >= 0.90", "2->1 below 0.9 x level 2 thresholds for 5 s")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void levelsFollowTheLoad(Scenario s) {
        TestClock clock = new TestClock(START);
        DegradationLevels levels = new DegradationLevels(clock);
        List<String> transitions = new ArrayList<>();
        for (Step step : s.steps()) {
            clock.set(START.plusSeconds(step.t()));
            for (RoutingEvent e : levels.update(T, s.policy(), step.load())) {
                assertThat(e.kind()).isEqualTo("level");
                assertThat(e.scope()).isEqualTo(T);
                assertThat(e.actor()).isEqualTo("system");
                assertThat(e.at()).isEqualTo(clock.instant());
                transitions.add(e.from() + "->" + e.to() + " " + e.reason());
            }
            assertThat(levels.level(T)).as("level at %d s", step.t()).isEqualTo(step.level());
            assertThat(levels.status(T).computedLevel()).isEqualTo(step.level());
        }
        assertThat(transitions).containsExactlyElementsOf(s.transitions());
    }

    @Test
    void overrideWinsUntilItExpiresThenTheComputedLevelApplies() {
        TestClock clock = new TestClock(START);
        DegradationLevels levels = new DegradationLevels(clock);
        levels.update(T, WAITING, w(0, 0, 0).load());

        DegradationLevels.Result r = levels.override(T, 3, Duration.ofMinutes(5), Duration.ofHours(8), "alice",
                "storm warning");

        assertThat(levels.level(T)).isEqualTo(3);
        assertThat(r.status().override()).isEqualTo(new LevelStatus.Override(3, START.plusSeconds(300), "alice",
                "storm warning"));
        assertThat(r.status().reason()).isEqualTo("storm warning");
        assertThat(r.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("override");
            assertThat(List.of(e.from(), e.to(), e.actor())).containsExactly("0", "3", "alice");
        });

        clock.set(START.plusSeconds(60));
        List<RoutingEvent> rising = levels.update(T, WAITING, w(60, 12, 1).load());
        assertThat(rising).singleElement().satisfies(e -> assertThat(e.reason()).contains("override to level 3"));
        assertThat(levels.level(T)).as("the override still wins").isEqualTo(3);
        assertThat(levels.status(T).computedLevel()).isEqualTo(1);

        clock.set(START.plusSeconds(299));
        assertThat(levels.update(T, WAITING, w(299, 12, 1).load())).isEmpty();
        assertThat(levels.level(T)).isEqualTo(3);

        clock.set(START.plusSeconds(300));
        List<RoutingEvent> expired = levels.update(T, WAITING, w(300, 12, 1).load());
        assertThat(expired).singleElement().satisfies(e -> {
            assertThat(List.of(e.kind(), e.from(), e.to(), e.reason(), e.actor()))
                    .containsExactly("override", "3", "1", "override expired", "system");
        });
        assertThat(levels.level(T)).isEqualTo(1);
        assertThat(levels.status(T).override()).isNull();
        assertThat(levels.status(T).since()).isEqualTo(START.plusSeconds(300));
    }

    @Test
    void anOverrideExpiresEvenWithoutLoadForItsTenant() {
        TestClock clock = new TestClock(START);
        DegradationLevels levels = new DegradationLevels(clock);
        levels.override("quiet", 2, Duration.ofSeconds(30), Duration.ofHours(8), "bob", null);
        clock.set(START.plusSeconds(30));

        assertThat(levels.expireOverrides()).extracting(RoutingEvent::to).containsExactly("0");
        assertThat(levels.level("quiet")).isZero();
    }

    @Test
    void aClearedOverrideGivesBackTheComputedLevel() {
        TestClock clock = new TestClock(START);
        DegradationLevels levels = new DegradationLevels(clock);
        levels.update(T, WAITING, w(0, 30, 2).load());
        levels.override(T, 0, Duration.ofHours(1), Duration.ofHours(8), "alice", "false alarm");
        assertThat(levels.level(T)).isZero();

        List<RoutingEvent> cleared = levels.clearOverride(T, "carol");

        assertThat(cleared).singleElement().satisfies(e -> assertThat(List.of(e.from(), e.to(), e.reason(), e.actor()))
                .containsExactly("0", "2", "override cleared", "carol"));
        assertThat(levels.level(T)).isEqualTo(2);
        assertThat(levels.clearOverride(T, "carol")).as("nothing left to clear").isEmpty();
    }

    @Test
    void overridesOutsideTheLimitsAreRefused() {
        DegradationLevels levels = new DegradationLevels(new TestClock(START));
        Duration max = Duration.ofHours(8);
        assertThatThrownBy(() -> levels.override(T, 4, Duration.ofMinutes(1), max, "a", "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level");
        assertThatThrownBy(() -> levels.override(T, 1, Duration.ZERO, max, "a", "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> levels.override(T, 1, Duration.ofHours(9), max, "a", "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThat(levels.statuses()).isEmpty();
    }

    @Test
    void aTenantWithoutThresholdsGoesBackToNormal() {
        DegradationLevels levels = new DegradationLevels(new TestClock(START));
        levels.update(T, WAITING, w(0, 30, 2).load());

        List<RoutingEvent> events = levels.update(T, null, w(0, 30, 0).load());

        assertThat(events).extracting(RoutingEvent::to).containsExactly("0");
        assertThat(levels.level(T)).isZero();
    }
}
