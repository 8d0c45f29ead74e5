package io.switchboard.simulator;

/**
 * How a queue call ends when no agent answers: the caller hangs up (abandon) or the Queue()
 * timeout fires and the dialplan continues. Asterisk reports both with QueueCallerAbandon.
 */
final class UnansweredEnding {

    private final QueueCall q;
    private final CallScript s;
    private final Leg c1;
    private final Leg c2;

    UnansweredEnding(QueueCall call) {
        this.q = call;
        this.s = call.s;
        this.c1 = call.c1;
        this.c2 = call.c2;
    }

    long abandon(long at) {
        s.at(at - 3_000);
        s.hangupRequest(c1, 16);
        s.hangup(c1, 16, "");
        leaveQueueUnanswered(at, true);
        s.softHangupRequest(c2, 16);
        s.hangup(c2, 16, "");
        s.cel("LINKEDID_END", c2, "", "");
        q.callerCdrs("");
        return at;
    }

    long timeout(long at) {
        s.at(at - 3_000);
        leaveQueueUnanswered(at, false);
        s.varSet(c2, "QUEUESTATUS", "TIMEOUT");
        s.newexten(c2, "inbound", "s", q.queuePriority + 1, "NoOp", "Left queue " + q.queue + ": QUEUESTATUS=TIMEOUT");
        s.newexten(c2, "inbound", "s", q.queuePriority + 2, "Hangup", "");
        s.softHangupRequest(c2, 16);
        s.hangup(c2, 16, "");
        s.hangupRequest(c1, 16);
        s.hangup(c1, 16, "");
        s.cel("LINKEDID_END", c1, "", "");
        q.callerCdrs("");
        return at;
    }

    private void leaveQueueUnanswered(long at, boolean callerHungUp) {
        s.musicOnHold(c2, false);
        s.cel("STREAM_END", c2, "", "");
        long waitSeconds = q.spec.waitMillis() / 1_000;
        s.varSet(c2, "QUEUEWAIT", Long.toString(waitSeconds));
        s.varSet(c2, "QUEUEWAIT_MS", Long.toString(q.spec.waitMillis()));
        if (callerHungUp) {
            s.varSet(c2, "ABANDONED", "TRUE");
        }
        s.queueStats(q.queue, c2, false);
        s.pin(at);
        s.chan("QueueCallerAbandon", CallScript.AGENT, c2, b -> b.add("Queue", q.queue).add("Position", "1")
                .add("OriginalPosition", "1").add("HoldTime", Long.toString(waitSeconds)));
        s.chan("QueueCallerLeave", CallScript.AGENT, c2, b -> b.add("Queue", q.queue).add("Position", "1").add("Count", "0"));
        s.varSet(c2, "QUEUEPOSITION", "1");
        s.cel("APP_END", c2, "", "");
    }
}
