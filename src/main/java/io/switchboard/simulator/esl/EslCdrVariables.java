package io.switchboard.simulator.esl;

/**
 * The call-detail variables FreeSWITCH sets on a channel when it hangs up (seen from
 * CHANNEL_HANGUP_COMPLETE on), in the captures' order. Like {@code switch_channel_set_timestamps},
 * seconds and milliseconds are differences of truncated epoch values, so {@code mduration} is not
 * {@code uduration / 1000} rounded.
 */
final class EslCdrVariables {

    private EslCdrVariables() {
    }

    static void apply(EslLeg leg, String q850, String lastApp, String lastArg) {
        long end = leg.hangupTime;
        leg.set("hangup_cause", leg.hangupCause).set("hangup_cause_q850", q850).set("digits_dialed", "none");
        leg.set("start_stamp", EslTime.local(leg.created)).set("profile_start_stamp", EslTime.local(leg.profileCreated));
        if (leg.answered > 0) {
            leg.set("answer_stamp", EslTime.local(leg.answered));
        }
        if (leg.bridged > 0) {
            leg.set("bridge_stamp", EslTime.local(leg.bridged));
        }
        leg.set("end_stamp", EslTime.local(end));
        epochs(leg, "start", leg.created);
        epochs(leg, "profile_start", leg.profileCreated);
        epochs(leg, "answer", leg.answered);
        epochs(leg, "bridge", leg.bridged);
        epochs(leg, "last_hold", leg.lastHold);
        leg.set("hold_accum_seconds", Long.toString(leg.holdAccum / 1_000_000))
                .set("hold_accum_usec", Long.toString(leg.holdAccum))
                .set("hold_accum_ms", Long.toString(leg.holdAccum / 1_000));
        epochs(leg, "resurrect", 0);
        epochs(leg, "progress", leg.progress);
        epochs(leg, "progress_media", leg.progressMedia);
        epochs(leg, "end", end);
        if (lastApp != null) { // a leg that only ever was originated ran no application
            leg.set("last_app", lastApp);
        }
        if (lastArg != null) {
            leg.set("last_arg", lastArg);
        }
        leg.set("caller_id", "\"" + leg.cidName + "\" <" + leg.cidNumber + ">");
        durations(leg, "sec", 1_000_000, "duration");
        durations(leg, "msec", 1_000, "mduration");
        durations(leg, "usec", 1, "uduration");
        leg.set("is_loopback", "1");
    }

    private static void epochs(EslLeg leg, String name, long micros) {
        leg.set(name + "_epoch", Long.toString(micros / 1_000_000)).set(name + "_uepoch", Long.toString(micros));
    }

    /** {@code duration, billsec, progresssec, answersec, waitsec, progress_mediasec, flow_billsec} in one unit. */
    private static void durations(EslLeg leg, String unit, long per, String total) {
        long start = leg.created / per;
        long end = leg.hangupTime / per;
        leg.set(total, Long.toString(end - start));
        leg.set("bill" + unit, Long.toString(leg.answered > 0 ? end - leg.answered / per : 0));
        leg.set("progress" + unit, Long.toString(leg.progress > 0 ? leg.progress / per - start : 0));
        leg.set("answer" + unit, Long.toString(leg.answered > 0 ? leg.answered / per - start : 0));
        leg.set("wait" + unit, Long.toString(leg.bridged > 0 ? leg.bridged / per - start : 0));
        leg.set("progress_media" + unit, Long.toString(leg.progressMedia > 0 ? leg.progressMedia / per - start : 0));
        leg.set("flow_bill" + unit, Long.toString(end - start));
    }
}
