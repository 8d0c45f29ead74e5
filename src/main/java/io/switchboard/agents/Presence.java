package io.switchboard.agents;

/** What an agent's desktop shows and what routing respects. */
public enum Presence {
    LOGGED_OUT, AVAILABLE, RINGING, ON_CALL, WRAP_UP, PAUSED
}
