package io.switchboard.simulator.esl;

import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Outcome;
import io.switchboard.simulator.ScenarioSpec.TransferType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Synthesizes the event-socket events of single inbound mod_callcenter queue calls, modelled on
 * the captures of FreeSWITCH 1.10 running {@code pbx-conf/freeswitch} ({@code callcenter-*.esl}),
 * together with the {@link io.switchboard.simulator.CallTruth} of each call.
 *
 * <p>Supported: answered calls (wait, talk), agents rung without answer before (agent-offering,
 * then bridge-agent-fail after the ring), one hold during the talk (CHANNEL_HOLD/UNHOLD on the
 * agent's channel; the truth's talk excludes it), a blind transfer by the agent
 * ({@code uuid_transfer} of the caller to {@code <target>/transfer-target}), the caller hanging up
 * while waiting (member-queue-end Cancel/BREAK_OUT) and the queue's {@code max-wait-time}
 * (Cancel/TIMEOUT), IVR variables set on the caller before it queues. Agents get
 * agent-state-change Receiving → In a queue call → Waiting as the module reports them.
 * Attended transfers and redirects are rejected: FreeSWITCH reports a redirect
 * ({@code uuid_transfer}) exactly like the blind transfer, and an attended transfer needs a
 * consultation call this generator does not model.
 *
 * <p>Names: scenario agents 1..4 are callcenter agents {@code 1001..1004} (name and interface in
 * the truth), with the contacts the simulated callcenter lists; the queue is the spec's, and the
 * truth's queue is that name without a {@code @domain} part, as the module's {@code CC-Queue} is
 * reported. The truth's call id is the caller's a-leg UUID. Agents are not scheduled: each spec
 * names its agent, and calls given the same agent at overlapping times are generated as asked,
 * though mod_callcenter offers an agent one call at a time (call identity does not depend on it;
 * agent states from such a script mean nothing).
 *
 * <p>Events of the kinds a collector reads are written with the captures' headers: channel
 * create, progress, answer, bridge, unbridge, hold, hangup, hangup-complete (with the call-detail
 * variables), destroy, park, call-update, playback, and the {@code callcenter::info} events.
 * Per-state noise (CHANNEL_STATE, CHANNEL_CALLSTATE, CHANNEL_EXECUTE*, CODEC, CHANNEL_OUTGOING,
 * CHANNEL_ORIGINATE, CHANNEL_UUID, PRESENCE_IN) is left out; so is agent-status-change, which the
 * module only raises on commands or after an agent's no-answers across calls.
 *
 * <p>Timestamps are exact microseconds, so wait, talk and hold come out exact to the millisecond.
 * The same seed and the same sequence of specs give the same events, UUIDs included; use
 * different seeds (or {@link EslTraceRewriter#rewrite}) for runs that must not share ids.
 */
public final class EslScenarioGenerator {

    private final Random rng;
    private final String coreUuid;
    private final EslCallScript.Counters counters = new EslCallScript.Counters();

    public EslScenarioGenerator(long seed) {
        this.rng = new Random(seed);
        this.coreUuid = EslCallScript.uuid(new Random(~seed));
    }

    /** Calls that look like coming from the switch with {@code coreUuid}, e.g. an {@link EslSimulator}'s. */
    public EslScenarioGenerator(long seed, String coreUuid) {
        this.rng = new Random(seed);
        this.coreUuid = coreUuid;
    }

    public String coreUuid() {
        return coreUuid;
    }

    /** A call starting now. */
    public GeneratedEslCall generate(ScenarioSpec spec) {
        return generate(spec, EslTime.nowMicros());
    }

    /** A call whose first event is at {@code startEpochMicros}. */
    public synchronized GeneratedEslCall generate(ScenarioSpec spec, long startEpochMicros) {
        validate(spec);
        EslCallScript script = new EslCallScript(rng, coreUuid, counters, startEpochMicros);
        return new EslQueueCall(spec, script, startEpochMicros).build();
    }

    /** Rejects specs this generator cannot play faithfully; see the class comment. */
    public static void validate(ScenarioSpec spec) {
        spec.ringNoAnswerAgents().forEach(EslAgent::of);
        if (spec.outcome() == Outcome.ANSWER) {
            EslAgent.of(spec.answeringAgent());
            if (spec.talkMillis() < 100) {
                throw new IllegalArgumentException("talkMillis " + spec.talkMillis()
                        + " < 100: the bridge to the agent alone takes 40 ms");
            }
        }
        if (spec.transfer() != null && spec.transfer().type() != TransferType.BLIND) {
            throw new IllegalArgumentException(spec.transfer().type() + " transfers are not generated for"
                    + " FreeSWITCH: only BLIND (uuid_transfer)");
        }
        long minimum = EslQueueCall.minimumWaitMicros(spec);
        if (spec.waitMillis() * 1_000 < minimum) {
            throw new IllegalArgumentException("waitMillis " + spec.waitMillis() + " < " + (minimum + 999) / 1_000
                    + " needed for the unanswered rings and the agent dispatch");
        }
    }

    /**
     * The events of several calls as one script, each call at its own start time (the earliest
     * start is offset 0); events of the same instant keep their call's order.
     */
    public static List<TimedEslEvent> merge(List<GeneratedEslCall> calls) {
        long first = calls.stream().mapToLong(GeneratedEslCall::startEpochMicros).min().orElse(0);
        List<TimedEslEvent> out = new ArrayList<>();
        for (GeneratedEslCall c : calls) {
            for (TimedEslEvent e : c.events()) {
                out.add(e.shifted(c.startEpochMicros() - first));
            }
        }
        out.sort(Comparator.comparingLong(TimedEslEvent::offsetMicros)); // stable
        return out;
    }
}
