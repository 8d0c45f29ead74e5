package io.switchboard.bus;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallResync;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.AttendedTransferred;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher's keys and re-sends, and a partition model's offsets and replays, without a broker. */
class PartitionRulesTest {

    private record Sent(String key, BusMessage message) {
    }

    /** What the node's lane would publish for {@code events}. */
    private static List<Sent> publish(String node, String type, List<CallEvent> events) {
        List<Sent> out = new ArrayList<>();
        BusPublisher publisher = new BusPublisher(node, type, (k, m) -> out.add(new Sent(k, m)));
        CallTracker tracker = new CallTracker(node, TrackerSettings.defaults(type));
        List<CallRecord> done = new ArrayList<>();
        for (CallEvent e : events) {
            publisher.before(e, tracker);
            tracker.apply(e, done);
            done.forEach(publisher::finished);
            done.clear();
        }
        assertThat(publisher.openCalls()).isZero();
        return out;
    }

    /** What the node's lane publishes for a reconnect gap: the events, the snapshot's parts, the events. */
    private static List<Sent> publish(ReconnectGap gap) {
        List<Sent> out = new ArrayList<>();
        BusPublisher publisher = new BusPublisher(gap.node(), "asterisk", (k, m) -> out.add(new Sent(k, m)));
        CallTracker tracker = new CallTracker(gap.node(), TrackerSettings.defaults("asterisk"));
        List<CallRecord> done = new ArrayList<>();
        gap.before().forEach(e -> apply(publisher, tracker, e, done));
        List<CallResync> parts = tracker.planResync(gap.snapshot());
        publisher.beforeResync(parts, tracker);
        tracker.resync(parts, done);
        done.forEach(publisher::finished);
        done.clear();
        gap.after().forEach(e -> apply(publisher, tracker, e, done));
        assertThat(publisher.openCalls()).isZero();
        return out;
    }

    private static void apply(BusPublisher publisher, CallTracker tracker, CallEvent e, List<CallRecord> done) {
        publisher.before(e, tracker);
        tracker.apply(e, done);
        done.forEach(publisher::finished);
        done.clear();
    }

    @Test
    void aReconnectGapGoesOutAsOnePartPerCallAndEveryOwnerBuildsTheLocalRecords() {
        ReconnectGap gap = ReconnectGap.of("n1", 90, Instant.parse("2026-11-24T08:00:00Z"), Duration.ofSeconds(42),
                Duration.ofSeconds(50));
        Map<String, CallRecord> local = gap.localRecords();
        ReconnectGap.assertRecovered(gap, local);
        List<Sent> sent = publish(gap);

        List<Sent> parts = sent.stream().filter(x -> x.message().resync() != null).toList();
        assertThat(parts).filteredOn(x -> x.message().needs() == null).allSatisfy(x -> {
            assertThat(x.key()).isEqualTo(BusMessage.key("n1", x.message().resync().callId()));
            assertThat(x.message().opens()).isEqualTo(x.message().resync().adopts());
        });
        // consultations adopted in the gap are merged afterwards: their adoption goes again with the call
        assertThat(parts).filteredOn(x -> x.message().needs() != null)
                .extracting(x -> x.message().resync().callId()).contains("B-50", "B-57");

        // each partition apart, as its owner sees it, whole and replayed from every fifth commit
        Map<Integer, List<Sent>> partitions = new TreeMap<>();
        sent.forEach(x -> partitions.computeIfAbsent(BusScaleOutTest.partition(x.key()), p -> new ArrayList<>()).add(x));
        assertThat(partitions).hasSizeGreaterThan(1);
        Map<String, CallRecord> owners = new HashMap<>();
        for (List<Sent> partition : partitions.values()) {
            Map<String, CallRecord> whole = run(partition, 0, 0, null);
            whole.forEach((id, r) -> assertThat(owners.put(id, r)).as("one owner writes " + id).isNull());
            for (int cut = 1; cut < partition.size(); cut += 5) {
                long[] safe = new long[1];
                Map<String, CallRecord> first = run(partition.subList(0, cut), 0, 0, safe);
                Map<String, CallRecord> second = run(partition, (int) safe[0], cut, null);
                assertThat(second.values()).allSatisfy(r -> assertThat(r).isEqualTo(whole.get(r.id())));
                Map<String, CallRecord> union = new HashMap<>(first);
                second.forEach(union::putIfAbsent);
                assertThat(union).isEqualTo(whole);
            }
        }
        assertThat(owners).isEqualTo(local);
    }

    @Test
    void aConsultationCallIsForgottenUnderItsKeyAndSentAgainUnderTheCallsKey() {
        List<CallEvent> events = ConsultTransfers.call("n1", 0, Instant.parse("2026-11-24T08:00:00Z"));
        List<Sent> sent = publish("n1", "asterisk", events);
        int transfer = indexOf(sent, m -> m.event() instanceof AttendedTransferred);
        int forget = indexOf(sent, m -> m.forget() != null);
        List<CallEvent> consultation = events.stream().filter(e -> "B-0".equals(e.callId()))
                .takeWhile(e -> e.pbxTime().isBefore(Instant.parse("2026-11-24T08:00:15Z"))).toList();

        assertThat(sent.get(forget)).isEqualTo(new Sent("n1:B-0", BusMessage.forget("n1", "asterisk", "B-0")));
        List<Sent> resent = sent.subList(forget + 1, transfer);
        assertThat(resent).extracting(Sent::key).containsOnly("n1:A-0");
        assertThat(resent).extracting(s -> s.message().event()).containsExactlyElementsOf(consultation);
        // a replay keeps them only with the call they are merged into
        assertThat(resent).extracting(s -> s.message().needs()).containsOnly("A-0");
        assertThat(resent).extracting(s -> s.message().opens()).containsOnly(false);
        assertThat(sent.getFirst().message().opens()).isTrue();
        assertThat(sent.get(transfer).key()).isEqualTo("n1:A-0");
        // after the merge the consultation's legs are the call's
        assertThat(sent.subList(transfer, sent.size())).extracting(Sent::key).containsOnly("n1:A-0");
        assertThat(sent.subList(0, forget)).filteredOn(s -> s.message().event().callId().equals("B-0"))
                .extracting(Sent::key).containsOnly("n1:B-0");
    }

    @Test
    void aCallOpenedByTheMergeNeedsTheCopiesThatStartedIt() {
        // the consultation is seen first; the transfer is the first event of the transferred call
        Instant t = Instant.parse("2026-11-24T08:00:00Z");
        List<CallEvent> events = ConsultTransfers.call("n1", 0, t).stream()
                .filter(e -> !"A-0".equals(e.callId()) || !e.pbxTime().isBefore(t.plusSeconds(15))).toList();
        List<Sent> sent = publish("n1", "asterisk", events);
        int transfer = indexOf(sent, m -> m.event() instanceof AttendedTransferred);
        assertThat(sent.get(transfer).message().needs()).isEqualTo("B-0");
        assertThat(sent.subList(0, transfer)).filteredOn(x -> x.key().equals("n1:A-0"))
                .extracting(x -> x.message().opens()).startsWith(true).containsOnlyOnce(true);
    }

    @Test
    void theSafeOffsetIsTheFirstOfTheOldestOpenCallAndAReplayFromItRebuildsTheSameRecords() {
        // the capture has calls merged by leg links, and calls that outlive others
        List<CallEvent> events = new ArrayList<>(BusEvents.freeswitchCapture("fs1", "callcenter-plain"));
        events.addAll(ConsultTransfers.events("fs1", 4, events.getLast().pbxTime()));
        List<Sent> sent = publish("fs1", "freeswitch", events);
        Map<String, CallRecord> whole = run(sent, 0, 0, null);

        for (int cut = 1; cut < sent.size(); cut += 3) {
            long[] safe = new long[1];
            Map<String, CallRecord> first = run(sent.subList(0, cut), 0, 0, safe);
            assertThat(safe[0]).isBetween(0L, (long) cut);
            // the new owner starts at the committed offset; the old one may have applied up to the cut
            Map<String, CallRecord> second = run(sent, (int) safe[0], cut, null);
            assertThat(second.values()).as("replayed from %d", safe[0]).allSatisfy(r ->
                    assertThat(r).isEqualTo(whole.get(r.id())));
            Map<String, CallRecord> union = new HashMap<>(first);
            second.forEach(union::putIfAbsent);
            assertThat(union).isEqualTo(whole);
        }
    }

    @Test
    void withoutAnOpenCallTheSafeOffsetIsTheNext() {
        List<Sent> sent = publish("n1", "asterisk", ConsultTransfers.call("n1", 0, Instant.now()));
        long[] safe = new long[1];
        Map<String, CallRecord> records = run(sent, 0, 0, safe);
        assertThat(records).containsOnlyKeys("n1:A-0");
        assertThat(safe[0]).isEqualTo(sent.size());
    }

    /** Applies {@code sent[from..]} to a new model; {@code safe[0]} gets its safe offset at the end. */
    private static Map<String, CallRecord> run(List<Sent> sent, int from, long replayEnd, long[] safe) {
        PartitionModel model = new PartitionModel(TrackerSettings::defaults, replayEnd);
        List<CallRecord> done = new ArrayList<>();
        for (int i = from; i < sent.size(); i++) {
            model.apply(BusMessage.decode(sent.get(i).message().encode()), i, done, (e, c, v) -> { });
        }
        if (safe != null) {
            safe[0] = model.safeOffset();
        } else {
            assertThat(model.openCalls()).as("calls left open").isZero();
        }
        Map<String, CallRecord> out = new HashMap<>();
        done.forEach(r -> assertThat(out.put(r.id(), r)).as("one record per call").isNull());
        return out;
    }

    private static int indexOf(List<Sent> sent, java.util.function.Predicate<BusMessage> p) {
        for (int i = 0; i < sent.size(); i++) {
            if (p.test(sent.get(i).message())) {
                return i;
            }
        }
        throw new AssertionError("not sent");
    }
}
