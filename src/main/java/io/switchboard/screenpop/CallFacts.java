package io.switchboard.screenpop;

import io.switchboard.calls.ActiveCall;

import java.time.Instant;
import java.util.Objects;

/** What the call model says about a call that a card shows; replaced whole when it changes. */
record CallFacts(String callerNumber, String callerName, String queue, Instant queuedAt, PopCard.Ivr ivr) {

    static final CallFacts NONE = new CallFacts(null, null, null, null, PopCard.Ivr.EMPTY);

    /** These facts updated from the call's view; unchanged fields keep their value. */
    CallFacts with(ActiveCall view) {
        if (view == null) {
            return this;
        }
        CallFacts next = new CallFacts(or(view.callerNumber(), callerNumber), or(view.callerName(), callerName),
                or(view.queue(), queue), or(view.queuedAt(), queuedAt), ivr);
        return next.equals(this) ? this : next;
    }

    CallFacts withQueue(String q) {
        return q == null || q.equals(queue) ? this : new CallFacts(callerNumber, callerName, q, queuedAt, ivr);
    }

    CallFacts withIvr(PopCard.Ivr next) {
        return Objects.equals(next, ivr) ? this : new CallFacts(callerNumber, callerName, queue, queuedAt, next);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
