package io.switchboard.calls;

/** How a call ended, from the contact center's point of view (see docs/events.md). */
public enum Disposition {
    ANSWERED, ABANDONED, TIMEOUT, NO_ANSWER, BUSY, FAILED
}
