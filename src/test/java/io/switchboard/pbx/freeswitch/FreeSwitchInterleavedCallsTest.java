package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import io.switchboard.simulator.esl.EslScenarioGenerator;
import io.switchboard.simulator.esl.GeneratedEslCall;
import io.switchboard.simulator.esl.SimEvent;
import io.switchboard.simulator.esl.TimedEslEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many mod_callcenter calls overlapping in time, through the translator and tracker the collector
 * uses: after every single event the tracker holds exactly the calls that have begun and still have
 * a channel up (a leg split off into a call of its own would show as one too many), and in the end
 * every call has one record equal to its truth.
 */
class FreeSwitchInterleavedCallsTest {

    private static final long START = 1_795_464_082_745_024L;
    /** Agents 1..3 answer; 1004 of the captured configuration never does. */
    private static final int TALKING_AGENTS = 3;
    private static final int NO_ANSWER_AGENT = 4;

    /**
     * A busy queue as FreeSWITCH runs it: a caller every 100-500 ms, each agent on one call at a
     * time, so most callers wait together (a hundred at once) and abandon or time out, and the
     * others are answered, some after the no-answer agent rang, with holds and blind transfers.
     */
    @Test
    void busyQueueWithEachAgentOnOneCallAtATime() {
        Random rng = new Random(5);
        EslScenarioGenerator generator = new EslScenarioGenerator(5);
        long[] busyUntil = new long[NO_ANSWER_AGENT + 1];
        List<GeneratedEslCall> calls = new ArrayList<>();
        long at = START;
        for (int i = 0; i < 600; i++) {
            at += 100_000 + rng.nextInt(400_000);
            calls.add(generator.generate(busyQueueCall(i, at, rng, busyUntil), at));
        }
        int answered = (int) calls.stream().filter(c -> c.truth().agentName() != null).count();
        assertThat(answered).as("answered calls").isBetween(15, 300);
        playAndCheck(calls);
    }

    /**
     * The memory benchmark's load: every call answered and talking at the same time, 1 ms apart.
     * Three agents then each have hundreds of calls at once, which mod_callcenter never does;
     * call identity is built from channel and member uuids alone, so it must not matter.
     */
    @Test
    void allCallsTalkingAtOnce() {
        EslScenarioGenerator generator = new EslScenarioGenerator(42);
        List<GeneratedEslCall> calls = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            calls.add(generator.generate(ScenarioSpec.answered("+1555" + (1_000_000 + i), "Caller " + i,
                    1 + i % TALKING_AGENTS, 2_000, 60_000), START + i * 1_000L));
        }
        int peak = playAndCheck(calls);
        assertThat(peak).as("calls up at once").isEqualTo(calls.size());
    }

    /** The next caller of the busy queue: answered when an agent is free, else abandoned or timed out. */
    private static ScenarioSpec busyQueueCall(int i, long at, Random rng, long[] busyUntil) {
        String num = "0301" + (2_000_000 + i);
        String name = "Caller " + i;
        Map<String, String> ivr = rng.nextBoolean() ? Map.of("INTENT", "billing") : Map.of();
        int agent = 0;
        for (int a = 1; a <= TALKING_AGENTS && agent == 0; a++) {
            if (busyUntil[a] <= at) {
                agent = a;
            }
        }
        if (agent == 0) {
            return rng.nextInt(10) < 7
                    ? ScenarioSpec.abandoned(num, name, 2_000 + rng.nextInt(40_000)).withIvrVars(ivr)
                    : ScenarioSpec.timedOut(num, name, 60_000).withIvrVars(ivr);
        }
        long wait = 4_000 + rng.nextInt(4_000);
        long talk = 3_000 + rng.nextInt(17_000);
        ScenarioSpec spec = ScenarioSpec.answered(num, name, agent, wait, talk).withIvrVars(ivr);
        if (rng.nextInt(4) == 0) {
            spec = spec.withHold(1_000 + rng.nextInt(5_000));
        }
        if (rng.nextInt(10) == 0) {
            spec = spec.withTransfer(Transfer.blind());
        }
        if (busyUntil[NO_ANSWER_AGENT] <= at && rng.nextInt(5) == 0) {
            spec = spec.withRingNoAnswer(List.of(Integer.toString(NO_ANSWER_AGENT)), 2_000);
            busyUntil[NO_ANSWER_AGENT] = at + (wait + 5_000) * 1_000;
        }
        // from the caller's arrival past the end: an IVR answer (up to 1 s), hold, a transfer's prompt (up to 6 s)
        busyUntil[agent] = at + (wait + talk + spec.holdMillis() + 8_000) * 1_000;
        return spec;
    }

    /**
     * Plays the calls merged in time, checks the tracker's count after every event and every record
     * against its truth at the end.
     *
     * @return the most calls up at once
     */
    private static int playAndCheck(List<GeneratedEslCall> calls) {
        Map<SimEvent, Integer> callOfEvent = new IdentityHashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            for (TimedEslEvent e : calls.get(i).events()) {
                callOfEvent.put(e.event(), i);
            }
        }
        EslTranslator translator = new EslTranslator("fs1", EslScenarioCheck.IVR);
        CallTracker tracker = new CallTracker("fs1", TrackerSettings.defaults("freeswitch"));
        List<CallRecord> records = new ArrayList<>();
        LiveCalls expected = new LiveCalls(calls.size());
        int peak = 0;
        int n = 0;
        for (TimedEslEvent te : EslScenarioGenerator.merge(calls)) {
            SimEvent event = te.event();
            expected.seen(callOfEvent.get(event), event);
            translator.translate(EslScenarioCheck.headers(event), Instant.now(), e -> tracker.apply(e, records));
            n++;
            assertThat(tracker.activeCount()).as("calls up after event %d (%s of call %d)", n, event.eventName(),
                    callOfEvent.get(event)).isEqualTo(expected.up());
            peak = Math.max(peak, tracker.activeCount());
        }
        assertThat(translator.stats().unknownCount()).as("unknown events").isZero();
        assertThat(translator.stats().invalidCount()).as("invalid events").isZero();
        assertThat(tracker.activeCount()).as("calls left open").isZero();
        assertThat(translator.trackedLegs()).as("legs still tracked").isZero();
        assertThat(records).hasSize(calls.size());
        Map<String, CallRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.pbxCallId(), r));
        for (GeneratedEslCall c : calls) {
            assertThat(byId).as("record of call %s", c.callId()).containsKey(c.callId());
            EslScenarioCheck.assertMatches(byId.get(c.callId()), c.truth());
        }
        return peak;
    }

    /** Which calls are up by the script alone: begun, and some channel created but not hung up. */
    private static final class LiveCalls {
        private final List<Set<String>> open = new ArrayList<>();
        private final boolean[] begun;
        private int up;

        LiveCalls(int calls) {
            begun = new boolean[calls];
            for (int i = 0; i < calls; i++) {
                open.add(new HashSet<>());
            }
        }

        void seen(int call, SimEvent e) {
            String uuid = e.uniqueId();
            switch (e.eventName()) {
                case "CHANNEL_CREATE" -> {
                    if (!begun[call]) {
                        begun[call] = true;
                        up++;
                    }
                    open.get(call).add(uuid);
                }
                case "CHANNEL_HANGUP_COMPLETE" -> {
                    if (open.get(call).remove(uuid) && open.get(call).isEmpty()) {
                        up--;
                    }
                }
                default -> {
                    // other events neither begin nor end a call
                }
            }
        }

        int up() {
            return up;
        }
    }
}
