package io.switchboard.calls;

public enum Direction {
    INBOUND, OUTBOUND, INTERNAL
}
