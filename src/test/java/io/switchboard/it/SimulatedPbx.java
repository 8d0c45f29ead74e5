package io.switchboard.it;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.TimedFrame;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Helpers for tests that drive the service through its built-in simulator. */
final class SimulatedPbx {

    static final String NODE = "sim";

    private SimulatedPbx() {
    }

    /** Linkedids of the call events in a script, in order of appearance. */
    static Set<String> callIds(List<TimedFrame> frames) {
        Set<String> ids = new LinkedHashSet<>();
        for (TimedFrame tf : frames) {
            String linked = tf.frame().get("Linkedid");
            if (linked != null && tf.frame().get("Uniqueid") != null) {
                ids.add(linked);
            }
        }
        return ids;
    }

    static String recordId(String linkedId) {
        return NODE + ":" + linkedId;
    }

    static List<AmiFrame> frames(List<TimedFrame> script) {
        return script.stream().map(TimedFrame::frame).toList();
    }
}
