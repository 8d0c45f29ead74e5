package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.LiveChannel;
import io.switchboard.events.CallEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channels that ended while the service did not hear the switch are forgotten after the next live
 * snapshot, so the call identity does not grow with every outage; channels heard of after the
 * snapshot was asked for are kept.
 */
class EslCallIdentityTest {

    private static final long REQUESTED = 1_000;

    @Test
    void aSnapshotForgetsKnownChannelsItDoesNotListAndKeepsNewerOnes() {
        EslCallIdentity id = new EslCallIdentity();
        id.place("a", null, null, null);
        id.seen("a", 100);
        id.place("a-b", null, "a", null);
        id.seen("a-b", 200);               // hung up in the gap: not listed
        id.place("c", null, null, null);
        id.seen("c", 300);                 // a call that ended in the gap, with its member
        id.member("m-c", "c");
        id.place("late", null, null, null);
        id.seen("late", REQUESTED);        // read as the snapshot was asked for: may be newer than it
        id.adopt("d", "d");                // adopted from an earlier snapshot, not listed now

        List<String> forgotten = id.forgetMissing(Set.of("a"), REQUESTED);

        assertThat(forgotten).containsExactlyInAnyOrder("a-b", "c", "d");
        assertThat(id.trackedLegs()).isEqualTo(2);
        assertThat(id.callOf("a")).isEqualTo("a");
        assertThat(id.callOf("late")).isEqualTo("late");
        assertThat(id.trackedMembers()).as("the member of a call without channels").isZero();
        assertThat(id.callOf("a-b")).as("late events of a forgotten channel still find its call").isEqualTo("a");
        assertThat(id.forgetMissing(Set.of("a", "late"), REQUESTED)).isEmpty();
    }

    @Test
    void anEventReadAfterTheRequestKeepsAChannelTheSnapshotDoesNotList() {
        EslCallIdentity id = new EslCallIdentity();
        id.place("x", null, null, null);
        id.seen("x", 10);
        id.seen("x", REQUESTED + 5);
        assertThat(id.forgetMissing(Set.of(), REQUESTED)).isEmpty();
        assertThat(id.forgetMissing(Set.of(), REQUESTED + 6)).containsExactly("x");
        assertThat(id.trackedLegs()).isZero();
    }

    /** Through the translator: the snapshot is taken in before the next event, on the reader thread. */
    @Test
    void theTranslatorForgetsChannelsEndedInTheGapButNotOnesCreatedAfterTheRequest() {
        EslTranslator t = new EslTranslator("fs1", Set.of());
        Instant t0 = Instant.parse("2026-11-24T09:00:00Z");
        Instant requested = t0.plusSeconds(10);
        List<CallEvent> out = new ArrayList<>();
        t.translate(create("gone", null), t0, out::add);
        t.translate(create("gone-b", "gone"), t0.plusSeconds(1), out::add);
        t.translate(create("up", null), t0.plusSeconds(2), out::add);
        // created after the request, before the reply arrives: the snapshot cannot list it
        t.translate(create("fresh", null), requested.plusMillis(1), out::add);
        t.learn(List.of(live("up")), requested);
        t.translate(Map.of("Event-Name", "CHANNEL_ANSWER", "Unique-ID", "fresh"), requested.plusSeconds(1), out::add);

        assertThat(t.trackedLegs()).isEqualTo(2);
        out.clear();
        t.translate(create("up-b", "up"), requested.plusSeconds(2), out::add);
        assertThat(out.getFirst().meta().callId()).as("links to listed channels still work").isEqualTo("up");
    }

    private static Map<String, String> create(String uuid, String otherLeg) {
        Map<String, String> h = new java.util.HashMap<>(Map.of("Event-Name", "CHANNEL_CREATE", "Unique-ID", uuid,
                "Channel-Name", "sofia/internal/" + uuid, "Caller-Caller-ID-Number", "1000",
                "Caller-Context", "default", "Caller-Destination-Number", "2000"));
        if (otherLeg != null) {
            h.put("Other-Leg-Unique-ID", otherLeg);
        }
        return h;
    }

    private static LiveChannel live(String uuid) {
        return new LiveChannel(uuid, uuid, "sofia/internal/" + uuid, null, true, false, null, "1000", null,
                "default", "2000", null, null);
    }
}
