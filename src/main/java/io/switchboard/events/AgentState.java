package io.switchboard.events;

/** What an agent's phone is doing, PBX-neutral; pausing is reported separately. */
public enum AgentState {
    LOGGED_OUT, AVAILABLE, RINGING, BUSY, WRAP_UP, UNAVAILABLE, UNKNOWN
}
