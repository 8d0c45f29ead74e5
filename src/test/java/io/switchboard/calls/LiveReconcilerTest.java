package io.switchboard.calls;

import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.AgentConnected;
import io.switchboard.events.CallEvent.LegAnswered;
import io.switchboard.events.CallEvent.LegBridged;
import io.switchboard.events.CallEvent.LegCreated;
import io.switchboard.events.CallEvent.LegHangup;
import io.switchboard.events.CallEvent.QueueJoined;
import io.switchboard.events.EventMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconciliation rules: what a live snapshot settles, closes and adopts. */
class LiveReconcilerTest {

    static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    /** Events are read at T0 + n s; the connection is lost at T0 + 60 s and the snapshot asked for at T0 + 90 s. */
    static final Instant LOST = T0.plusSeconds(60);
    static final Instant REQUESTED = T0.plusSeconds(90);
    static final Instant TAKEN = T0.plusSeconds(91);

    static EventMeta meta(String call, String leg, int second) {
        Instant t = T0.plusSeconds(second);
        return new EventMeta("n1", t, t, call, leg);
    }

    /** An inbound queue call answered by an agent: caller leg {@code id}, agent leg {@code id.a}. */
    static List<CallEvent> answeredQueueCall(String id, int at) {
        String agent = id + ".a";
        return List.of(
                new LegCreated(meta(id, id, at), "PJSIP/trunk-" + id, "555" + id, "Caller", "from-pstn", "800"),
                new LegAnswered(meta(id, id, at)),
                new QueueJoined(meta(id, id, at + 1), "support", 1),
                new LegCreated(meta(id, agent, at + 2), "PJSIP/agent1-" + id, "1001", "Agent", "from-queue", "800"),
                new AgentConnected(meta(id, agent, at + 5), "support", "PJSIP/agent1", "Agent One", agent, 4, 3),
                new LegBridged(meta(id, id, at + 5), "b-" + id, 2),
                new LegBridged(meta(id, agent, at + 5), "b-" + id, 2));
    }

    static LiveChannel live(String call, String leg, boolean answered, String bridge, String app, String data) {
        return new LiveChannel(leg, call, "PJSIP/" + leg, T0.plusSeconds(70), answered, false, bridge, "555" + leg,
                null, "from-pstn", "800", app, data);
    }

    record Case(List<CallEvent> before, List<LiveChannel> snapshot, Instant lostAt, int settled, int adopted,
                int closedLegs, List<String> active, List<String> written) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a call the PBX no longer has is settled", new Case(answeredQueueCall("c1", 1),
                        List.of(), LOST, 1, 0, 0, List.of(), List.of("n1:c1"))),
                Arguments.of("a call still up is left alone", new Case(answeredQueueCall("c1", 1),
                        List.of(live("c1", "c1", true, "b-c1", "Queue", "support"),
                                live("c1", "c1.a", true, "b-c1", "AppQueue", "")), LOST, 0, 0, 0,
                        List.of("c1"), List.of())),
                Arguments.of("a leg gone from a call still up is closed", new Case(answeredQueueCall("c1", 1),
                        List.of(live("c1", "c1", true, null, "Queue", "support")), LOST, 0, 0, 1,
                        List.of("c1"), List.of())),
                Arguments.of("channels begun in the gap are adopted as a call", new Case(List.of(),
                        List.of(live("c2", "c2", true, "b2", "Queue", "support,tT"),
                                live("c2", "c2.a", true, "b2", "AppQueue", "")), LOST, 0, 1, 0,
                        List.of("c2"), List.of())),
                Arguments.of("a channel begun in the gap joins its known call", new Case(answeredQueueCall("c1", 1),
                        List.of(live("c1", "c1", true, "b-c1", "Queue", "support"),
                                live("c1", "c1.a", true, "b-c1", "AppQueue", ""),
                                live("c1", "c1.x", false, null, "Dial", "PJSIP/2000")), LOST, 0, 0, 0,
                        List.of("c1"), List.of())),
                Arguments.of("the first connect of a restarted service adopts everything", new Case(List.of(),
                        List.of(live("c3", "c3", false, null, "Dial", "PJSIP/2000"),
                                live("c4", "c4", true, null, null, null)), null, 0, 2, 0,
                        List.of("c3", "c4"), List.of())),
                Arguments.of("a leg heard of after the snapshot was asked for is kept", new Case(
                        List.of(new LegCreated(meta("c5", "c5", 95), "PJSIP/x", "1", null, "from-pstn", "800")),
                        List.of(), LOST, 0, 0, 0, List.of("c5"), List.of())),
                Arguments.of("what is left of a written call is not a new call", new Case(
                        List.of(new LegCreated(meta("c6", "c6", 1), "PJSIP/x", "1", null, "from-pstn", "800"),
                                new LegHangup(meta("c6", "c6", 2), 16, "Normal Clearing")),
                        List.of(live("c6", "c6", true, null, null, null)), LOST, 0, 0, 0, List.of(), List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void snapshotRules(String name, Case c) {
        CallTracker tracker = new CallTracker("n1", TrackerSettings.defaults("asterisk"));
        List<CallRecord> done = new ArrayList<>();
        c.before().forEach(e -> tracker.apply(e, done));
        done.clear();
        LiveReconciler.Outcome out = tracker.resync(new LiveSnapshot(c.snapshot(), REQUESTED, TAKEN, c.lostAt()), done);
        assertThat(out.settled()).as("settled").isEqualTo(c.settled());
        assertThat(out.adopted()).as("adopted").isEqualTo(c.adopted());
        assertThat(out.closedLegs()).as("closed legs").isEqualTo(c.closedLegs());
        assertThat(c.active()).allMatch(tracker::isActive);
        assertThat(tracker.activeCount()).isEqualTo(c.active().size());
        assertThat(done).extracting(CallRecord::id).containsExactlyElementsOf(c.written());
    }

    /** Each part concerns its own call: applied in any order (as partition owners do), they give the same. */
    @Test
    void aSnapshotSplitsIntoPartsThatAnyOrderAppliesAlike() {
        List<CallEvent> before = new ArrayList<>(answeredQueueCall("c1", 1)); // settled
        before.addAll(answeredQueueCall("c7", 2));                          // loses its agent leg, gains one
        before.add(new LegCreated(meta("c5", "c5", 95), "PJSIP/x", "1", null, "from-pstn", "800")); // fresh
        LiveSnapshot snapshot = new LiveSnapshot(List.of(live("c7", "c7", true, null, "Queue", "support"),
                live("c7", "c7.x", false, null, "Dial", "PJSIP/2000"),
                live("c2", "c2", true, "b2", "Queue", "support"), live("c2", "c2.a", true, "b2", "AppQueue", "")),
                REQUESTED, TAKEN, LOST);
        CallTracker whole = new CallTracker("n1", TrackerSettings.defaults("asterisk"));
        CallTracker reversed = new CallTracker("n1", TrackerSettings.defaults("asterisk"));
        List<CallRecord> a = new ArrayList<>();
        List<CallRecord> b = new ArrayList<>();
        before.forEach(e -> whole.apply(e, a));
        before.forEach(e -> reversed.apply(e, b));
        LiveReconciler.Outcome out = whole.resync(snapshot, a);
        List<CallResync> parts = new ArrayList<>(reversed.planResync(snapshot));
        assertThat(parts).extracting(CallResync::callId).containsExactlyInAnyOrder("c1", "c7", "c5", "c2");
        assertThat(parts).filteredOn(CallResync::adopts).extracting(CallResync::callId).containsExactly("c2");
        java.util.Collections.reverse(parts);
        LiveReconciler.Outcome partwise = reversed.resync(parts, b);

        assertThat(out.settled()).isEqualTo(partwise.settled()).isEqualTo(1);
        assertThat(out.adopted()).isEqualTo(partwise.adopted()).isEqualTo(1);
        assertThat(out.closedLegs()).isEqualTo(partwise.closedLegs()).isEqualTo(1);
        assertThat(b).isEqualTo(a);
        for (String id : List.of("c7", "c5", "c2")) {
            assertThat(reversed.view(id)).as(id).isEqualTo(whole.view(id)).isNotNull();
        }
    }

    @Test
    void aSettledCallEndsWhenTheConnectionWasLostAndSaysSo() {
        CallTracker tracker = new CallTracker("n1", TrackerSettings.defaults("asterisk"));
        List<CallRecord> done = new ArrayList<>();
        answeredQueueCall("c1", 1).forEach(e -> tracker.apply(e, done));
        tracker.resync(new LiveSnapshot(List.of(), REQUESTED, TAKEN, LOST), done);

        CallRecord r = done.getFirst();
        assertThat(r.endedAt()).isEqualTo(LOST);
        assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(r.hangupCauseText()).isEqualTo(LiveReconciler.SETTLED);
        assertThat(r.talkMillis()).isEqualTo(LOST.toEpochMilli() - T0.plusSeconds(6).toEpochMilli());
        assertThat(r.queue()).isEqualTo("support");
    }

    @Test
    void aQueuedCallerGoneInTheGapIsAbandoned() {
        CallTracker tracker = new CallTracker("n1", TrackerSettings.defaults("asterisk"));
        List<CallRecord> done = new ArrayList<>();
        tracker.apply(new LegCreated(meta("q1", "q1", 1), "PJSIP/trunk-1", "5550001", null, "from-pstn", "800"), done);
        tracker.apply(new QueueJoined(meta("q1", "q1", 2), "support", 1), done);
        tracker.resync(new LiveSnapshot(List.of(), REQUESTED, TAKEN, LOST), done);
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.disposition()).isEqualTo(Disposition.ABANDONED);
            assertThat(r.endedAt()).isEqualTo(LOST);
            assertThat(r.waitMillis()).isEqualTo(58_000);
        });
    }

    @Test
    void anAdoptedCallIsCompletedByItsLaterEventsIntoOneNormalRecord() {
        CallTracker tracker = new CallTracker("n1", TrackerSettings.defaults("asterisk"));
        List<CallRecord> done = new ArrayList<>();
        tracker.resync(new LiveSnapshot(List.of(live("c2", "c2", true, "b2", "Queue", "support,tT,,,300"),
                live("c2", "c2.a", true, "b2", "AppQueue", "(Outgoing Line)")), REQUESTED, TAKEN, null), done);
        assertThat(done).isEmpty();
        ActiveCall view = tracker.view("c2");
        assertThat(view.state()).isEqualTo("CONNECTED");
        assertThat(view.queue()).isEqualTo("support");
        assertThat(view.agentInterface()).as("not an Asterisk channel sequence: the name as it is")
                .isEqualTo("PJSIP/c2.a");

        tracker.apply(new LegHangup(meta("c2", "c2.a", 120), 16, "Normal Clearing"), done);
        assertThat(done).isEmpty();
        tracker.apply(new LegHangup(meta("c2", "c2", 121), 16, "Normal Clearing"), done);
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("n1:c2");
            assertThat(r.startedAt()).isEqualTo(T0.plusSeconds(70));
            assertThat(r.answeredAt()).isEqualTo(TAKEN);
            assertThat(r.endedAt()).isEqualTo(T0.plusSeconds(121));
            assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
            assertThat(r.hangupCauseText()).isEqualTo("Normal Clearing");
            assertThat(r.callerNumber()).isEqualTo("555c2");
        });
    }

    /** What listeners are told: every call left in progress, with its live legs and whether it is new. */
    @Test
    void theOutcomeListsTheCallsInProgressWithTheirLiveLegs() {
        CallTracker tracker = new CallTracker("n1", TrackerSettings.defaults("asterisk"));
        List<CallRecord> done = new ArrayList<>();
        answeredQueueCall("c1", 1).forEach(e -> tracker.apply(e, done));
        answeredQueueCall("c9", 1).forEach(e -> tracker.apply(e, done));
        LiveReconciler.Outcome out = tracker.resync(new LiveSnapshot(List.of(
                live("c1", "c1", true, "b-new", "Queue", "support"),
                live("c2", "c2", true, "b2", "Queue", "support"), live("c2", "c2.a", true, "b2", "AppQueue", "")),
                REQUESTED, TAKEN, LOST), done);

        assertThat(done).extracting(CallRecord::id).containsExactly("n1:c9");
        assertThat(out.live()).extracting(c -> c.view().id(), ResyncedCall::adopted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("n1:c1", false),
                        org.assertj.core.groups.Tuple.tuple("n1:c2", true));
        assertThat(out.live().get(0).legs()).as("the agent's leg ended unseen; the bridge is the snapshot's")
                .containsExactly(new ResyncedCall.LiveLeg("c1", "PJSIP/trunk-c1", "b-new", false));
        assertThat(out.live().get(1).legs()).containsExactly(new ResyncedCall.LiveLeg("c2", "PJSIP/c2", "b2", false),
                new ResyncedCall.LiveLeg("c2.a", "PJSIP/c2.a", "b2", true));
        assertThat(out.live().get(1).view().agentInterface()).isEqualTo("PJSIP/c2.a");
    }

    /** FreeSWITCH lists channels in no set order and their creation in whole seconds. */
    @Test
    void theCallerIsTheChannelTheCallIsNamedAfter() {
        CallTracker tracker = new CallTracker("n1", TrackerSettings.defaults("freeswitch"));
        List<CallRecord> done = new ArrayList<>();
        tracker.resync(new LiveSnapshot(List.of(live("a-leg", "b-leg", true, null, null, null),
                live("a-leg", "a-leg", true, null, "callcenter", "support@default")), REQUESTED, TAKEN, null), done);
        ActiveCall view = tracker.view("a-leg");
        assertThat(view.callerNumber()).isEqualTo("555a-leg");
        assertThat(view.queue()).isEqualTo("support@default");
        assertThat(view.agentInterface()).isEqualTo("PJSIP/b-leg");
    }

    @Test
    void legNamesGiveTheAgentsDevice() {
        assertThat(LiveReconciler.agentInterface("PJSIP/agent1-0000002a")).isEqualTo("PJSIP/agent1");
        assertThat(LiveReconciler.agentInterface("sofia/internal/1001@10.0.0.21")).isEqualTo("sofia/internal/1001@10.0.0.21");
        assertThat(LiveReconciler.agentInterface("Local/agent1@agents-00000001;2")).isEqualTo("Local/agent1@agents");
        assertThat(LiveReconciler.agentInterface("PJSIP/b-leg")).isEqualTo("PJSIP/b-leg");
    }
}
