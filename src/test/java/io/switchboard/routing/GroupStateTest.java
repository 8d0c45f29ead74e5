package io.switchboard.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The active member of a group over time, one row per story. Each step sets members' health at a
 * second (relative to the start) and says which member is active after it and what change, if
 * any, was announced. Time is passed in: nothing here waits.
 */
class GroupStateTest {

    static final Duration FAILBACK = Duration.ofSeconds(30);
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /**
     * @param health "pa-" down, "pb+" up (space separated; empty: only time passes)
     * @param active the active member after the step ("none": no member)
     * @param change "failover pa>pb", "failback pb>pa", or "" for no change
     */
    record Step(int second, String health, String active, String change) {
    }

    record Story(String name, List<String> members, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Step at(int second, String health, String active, String change) {
        return new Step(second, health, active, change);
    }

    static Story story(String name, String members, Step... steps) {
        return new Story(name, List.of(members.split(",")), List.of(steps));
    }

    static Stream<Story> stories() {
        return Stream.of(
                story("the primary is active from the start, nothing is announced", "pa,pb",
                        at(0, "", "pa", ""),
                        at(100, "pa+ pb+", "pa", "")),
                story("failover to the standby at once when the primary fails", "pa,pb",
                        at(1, "pa-", "pb", "failover pa>pb")),
                story("failback only once the primary has been healthy for failbackAfter", "pa,pb",
                        at(0, "pa-", "pb", "failover pa>pb"),
                        at(10, "pa+", "pb", ""),
                        at(39, "", "pb", ""),
                        at(40, "", "pa", "failback pb>pa")),
                story("a flapping primary does not take calls back early", "pa,pb",
                        at(0, "pa-", "pb", "failover pa>pb"),
                        at(10, "pa+", "pb", ""),
                        at(20, "pa-", "pb", ""),
                        at(25, "pa+", "pb", ""),
                        at(40, "", "pb", ""), // 30 s after its first return, but it broke off in between
                        at(54, "", "pb", ""),
                        at(55, "", "pa", "failback pb>pa")),
                story("all members down: no active member; the first to return takes over at once", "pa,pb",
                        at(0, "pa-", "pb", "failover pa>pb"),
                        at(5, "pb-", "none", "failover pb>none"),
                        at(6, "pb+", "pb", "failover none>pb"),
                        at(7, "pb- pa+", "pa", "failback pb>pa")),
                story("the primary back first after all were down takes over at once", "pa,pb",
                        at(0, "pa- pb-", "none", "failover pa>none"),
                        at(3, "pa+", "pa", "failback none>pa")),
                story("the active standby fails: the next standby takes over", "pa,pb,pc",
                        at(0, "pa-", "pb", "failover pa>pb"),
                        at(4, "pb-", "pc", "failover pb>pc"),
                        at(6, "pb+", "pc", ""), // a healthy active standby is not displaced by an earlier one
                        at(20, "pa+", "pc", ""),
                        at(50, "", "pa", "failback pc>pa")),
                story("the active standby fails while the primary is back but not yet long enough", "pa,pb",
                        at(0, "pa-", "pb", "failover pa>pb"),
                        at(5, "pa+", "pb", ""),
                        at(10, "pb-", "pa", "failback pb>pa")),
                story("a standby failing while the primary is active changes nothing", "pa,pb",
                        at(0, "pb-", "pa", ""),
                        at(1, "pa-", "none", "failover pa>none")),
                story("a node outside the group is ignored", "pa,pb",
                        at(0, "zz-", "pa", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void activeMemberFollowsHealth(Story story) {
        GroupState g = new GroupState("main", story.members(), FAILBACK, T0);
        List<String> seen = new ArrayList<>();
        for (Step step : story.steps()) {
            Instant now = T0.plusSeconds(step.second());
            for (String h : step.health().split(" ")) {
                if (!h.isBlank()) {
                    g.update(h.substring(0, h.length() - 1), h.endsWith("+"), "not connected", now);
                }
            }
            Optional<GroupState.Change> change = g.evaluate(now);
            String at = "at " + step.second() + " s";
            assertThat(g.active().orElse("none")).as(at).isEqualTo(step.active());
            assertThat(change.map(c -> c.kind() + " " + none(c.from()) + ">" + none(c.to())).orElse(""))
                    .as(at).isEqualTo(step.change());
            change.ifPresent(c -> {
                assertThat(c.reason()).isNotBlank();
                assertThat(g.activeSince()).isEqualTo(now);
            });
            seen.add(g.active().orElse("none"));
        }
        assertThat(seen).hasSize(story.steps().size());
    }

    private static String none(String s) {
        return s == null ? "none" : s;
    }

    @org.junit.jupiter.api.Test
    void reasonsNameTheFailedNodeAndTheFailbackWait() {
        GroupState g = new GroupState("main", List.of("pa", "pb"), FAILBACK, T0);
        g.update("pa", false, "missed 2 heartbeats", T0);
        assertThat(g.evaluate(T0).orElseThrow().reason()).isEqualTo("pa missed 2 heartbeats");
        g.update("pa", true, null, T0);
        assertThat(g.evaluate(T0.plus(FAILBACK)).orElseThrow().reason()).isEqualTo("pa healthy for PT30S");
    }
}
