package io.switchboard.simulator;

import io.switchboard.simulator.ScenarioSpec.Outcome;
import java.util.Random;

/**
 * Synthesizes the AMI events of single inbound queue calls, modelled on captures of Asterisk 22
 * running the dialplan in {@code pbx-conf/asterisk}. The same seed and the same sequence of specs
 * give the same events and timings; channel ids, Local channel suffixes and bridge ids are
 * always fresh, so generated calls never collide with each other or with rewritten traces.
 */
public final class ScenarioGenerator {

    private final Random rng;

    public ScenarioGenerator(long seed) {
        this.rng = new Random(seed);
    }

    /** A call starting now. */
    public GeneratedCall generate(ScenarioSpec spec) {
        return generate(spec, AmiTime.nowMicros());
    }

    /** A call whose Timestamp headers start at {@code startEpochMicros} (playback re-stamps them anyway). */
    public synchronized GeneratedCall generate(ScenarioSpec spec, long startEpochMicros) {
        validate(spec);
        return new QueueCall(spec, new CallScript(rng, startEpochMicros), null).build();
    }

    synchronized GeneratedCall generate(ScenarioSpec spec, long startEpochMicros, OriginateRequest originate) {
        validate(spec);
        return new QueueCall(spec, new CallScript(rng, startEpochMicros), originate).build();
    }

    /** Rejects specs whose timings cannot happen in the queue (the rings must fit into the wait). */
    static void validate(ScenarioSpec spec) {
        for (String agent : spec.ringNoAnswerAgents()) {
            int n;
            try {
                n = ScenarioSpec.agentNumber(agent);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an agent number: " + agent, e);
            }
            if (n < 1) {
                throw new IllegalArgumentException("agent numbers start at 1: " + agent);
            }
        }
        long rings = spec.ringNoAnswerAgents().size() * (spec.ringMillis() + QueueCall.RETRY_MICROS / 1_000);
        if (spec.waitMillis() < rings) {
            throw new IllegalArgumentException("waitMillis " + spec.waitMillis() + " < " + rings
                    + " needed for the unanswered rings and their retry pauses");
        }
        if (spec.outcome() == Outcome.ANSWER && spec.answeringAgent() < 1) {
            throw new IllegalArgumentException("agent numbers start at 1: " + spec.answeringAgent());
        }
    }
}
