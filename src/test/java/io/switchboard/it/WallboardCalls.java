package io.switchboard.it;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.Playback;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Short queue calls for the wallboard tests, played back to back through the simulator. */
final class WallboardCalls {

    private final AmiSimulator simulator;
    private final ScenarioGenerator generator = new ScenarioGenerator(7);
    private int caller;

    WallboardCalls(AmiSimulator simulator) {
        this.simulator = simulator;
    }

    /** Plays {@code answered} answered and {@code abandoned} abandoned calls into {@code queue}; returns when sent. */
    void play(String queue, int answered, int abandoned) {
        List<GeneratedCall> calls = new ArrayList<>();
        for (int i = 0; i < answered; i++) {
            calls.add(generator.generate(spec(queue, 1 + i % 3, 3_000 + i * 1_500L, 4_000, Outcome.ANSWER)));
        }
        for (int i = 0; i < abandoned; i++) {
            calls.add(generator.generate(spec(queue, null, 9_000, 0, Outcome.CALLER_ABANDON)));
        }
        simulator.play(ScenarioMix.schedule(calls, 20.0), PlayOptions.fullSpeed()).done().join();
    }

    /**
     * A few minutes of a small call centre in real time: four queues with their own agents and
     * patience, so the board has waiting callers, busy and paused agents and differing service
     * levels. Returns at once with the playback; the calls play out over {@code length} and a
     * little beyond.
     */
    Playback busyCentre(Duration length) {
        record Queue(String name, int weight, int firstAgent, int agents, long maxWaitMillis) {
        }
        List<Queue> queues = List.of(new Queue("support", 45, 1, 6, 45_000), new Queue("sales", 25, 7, 3, 15_000),
                new Queue("billing", 20, 10, 2, 60_000), new Queue("vip", 10, 12, 2, 6_000));
        Random rng = new Random(2026);
        pause(14, "vip", "Lunch"); // in no pool below, so no call unpauses the agent
        double perSecond = 0.7;
        int n = (int) (length.toSeconds() * perSecond);
        List<GeneratedCall> calls = new ArrayList<>(n);
        int[] next = new int[queues.size()];
        for (int i = 0; i < n; i++) {
            int roll = rng.nextInt(100);
            int qi = 0;
            for (int acc = queues.get(0).weight(); roll >= acc; acc += queues.get(++qi).weight()) {
                // walk the weights
            }
            Queue q = queues.get(qi);
            long wait = 1_000 + (long) (rng.nextDouble() * rng.nextDouble() * q.maxWaitMillis());
            boolean abandons = rng.nextInt(100) < (wait > 25_000 ? 30 : 6);
            if (abandons) {
                calls.add(generator.generate(spec(q.name(), null, wait, 0, Outcome.CALLER_ABANDON)));
            } else {
                int agent = q.firstAgent() + next[qi]++ % q.agents();
                calls.add(generator.generate(spec(q.name(), agent, wait, 15_000 + rng.nextInt(75_000), Outcome.ANSWER)));
            }
        }
        return simulator.play(ScenarioMix.schedule(calls, perSecond), PlayOptions.realTime());
    }

    /** A member paused on the PBX, as Asterisk reports it. */
    private void pause(int agent, String queue, String reason) {
        simulator.emit(AmiFrame.of("Event", "QueueMemberStatus", "Privilege", "agent,all", "Queue", queue,
                "MemberName", ScenarioSpec.agentName(agent), "Interface", ScenarioSpec.agentInterface(agent),
                "StateInterface", ScenarioSpec.agentInterface(agent), "Membership", "static", "Penalty", "0",
                "CallsTaken", "0", "InCall", "0", "Status", "1", "Paused", "1", "PausedReason", reason));
    }

    private ScenarioSpec spec(String queue, Integer agent, long waitMillis, long talkMillis, Outcome outcome) {
        caller++;
        return new ScenarioSpec("030155" + (10_000 + caller), "Caller " + caller, queue, Map.of(), List.of(), agent,
                waitMillis, 1_000, talkMillis, 0, outcome, null);
    }
}
