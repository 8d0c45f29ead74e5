package io.switchboard.simulator;

import io.switchboard.simulator.ScenarioSpec.Outcome;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded stream of varied call specs: mostly answered calls, some abandons and queue timeouts,
 * unanswered rings, holds, each kind of transfer, and IVR variables INTENT/CUSTOMER_ID/LANGUAGE.
 */
public final class ScenarioMix {

    private static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida",
        "Jonas", "Karla", "Leon", "Mia", "Noah", "Olga", "Paul"};
    private static final String[] LAST = {"Schmidt", "Meyer", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann",
        "Koch", "Richter", "Wolf"};
    private static final String[] INTENTS = {"billing", "support", "sales", "cancel"};
    private static final String[] LANGUAGES = {"de", "en", "fr"};

    private final Random rng;
    private final ScenarioGenerator generator;

    public ScenarioMix(long seed) {
        this.rng = new Random(seed);
        this.generator = new ScenarioGenerator(seed ^ 0x5DEECE66DL);
    }

    /** The next spec of the stream. */
    public synchronized ScenarioSpec next() {
        String callerNum = "0301" + (1_000_000 + rng.nextInt(9_000_000));
        String callerName = FIRST[rng.nextInt(FIRST.length)] + " " + LAST[rng.nextInt(LAST.length)];
        Map<String, String> ivr = new LinkedHashMap<>();
        if (rng.nextInt(100) < 80) {
            ivr.put("INTENT", INTENTS[rng.nextInt(INTENTS.length)]);
        }
        if (rng.nextInt(100) < 60) {
            ivr.put("CUSTOMER_ID", Integer.toString(10_000 + rng.nextInt(90_000)));
        }
        if (rng.nextInt(100) < 50) {
            ivr.put("LANGUAGE", LANGUAGES[rng.nextInt(LANGUAGES.length)]);
        }
        long ring = 1_000 + rng.nextInt(7_000);
        List<String> rna = new ArrayList<>();
        int rnaRoll = rng.nextInt(100);
        if (rnaRoll < 20) {
            rna.add(Integer.toString(1 + rng.nextInt(3)));
            if (rnaRoll < 5) {
                rna.add(Integer.toString(1 + rng.nextInt(3)));
            }
        }
        long rings = rna.size() * (ring + QueueCall.RETRY_MICROS / 1_000);
        int roll = rng.nextInt(100);
        if (roll < 12) {
            long wait = Math.max(rings, 0) + 2_000 + rng.nextInt(60_000);
            return new ScenarioSpec(callerNum, callerName, "support", ivr, rna, null, wait, ring, 0, 0,
                    Outcome.CALLER_ABANDON, null);
        }
        if (roll < 20) {
            long wait = Math.max(60_000, rings);
            return new ScenarioSpec(callerNum, callerName, "support", ivr, rna, null, wait, ring, 0, 0,
                    Outcome.QUEUE_TIMEOUT, null);
        }
        long wait = rings + 500 + rng.nextInt(30_000);
        long talk = 20_000 + rng.nextInt(280_000);
        long hold = rng.nextInt(100) < 25 ? 5_000 + rng.nextInt(55_000) : 0;
        int transferRoll = rng.nextInt(100);
        Transfer transfer = transferRoll < 5 ? Transfer.blind()
                : transferRoll < 10 ? Transfer.attended()
                : transferRoll < 15 ? Transfer.redirect() : null;
        return new ScenarioSpec(callerNum, callerName, "support", ivr, rna, 1 + rng.nextInt(3), wait, ring, talk, hold,
                Outcome.ANSWER, transfer);
    }

    /** Generates the next {@code n} calls of the stream. */
    public List<GeneratedCall> calls(int n) {
        List<GeneratedCall> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generator.generate(next()));
        }
        return out;
    }

    public ScenarioGenerator generator() {
        return generator;
    }

    /**
     * Merges calls into one script, call {@code i} starting {@code i / callsPerSecond} seconds in.
     * Timestamp headers keep their generated values; a SCRIPTED playback re-stamps them.
     */
    public static List<TimedFrame> schedule(List<GeneratedCall> calls, double callsPerSecond) {
        if (!(callsPerSecond > 0)) {
            throw new IllegalArgumentException("callsPerSecond must be > 0");
        }
        List<TimedFrame> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            long start = Math.round(i * 1_000_000 / callsPerSecond);
            for (TimedFrame tf : calls.get(i).frames()) {
                out.add(tf.shifted(start));
            }
        }
        out.sort(Comparator.comparingLong(TimedFrame::offsetMicros)); // stable: keeps each call's order
        return out;
    }
}
