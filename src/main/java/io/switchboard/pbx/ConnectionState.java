package io.switchboard.pbx;

public enum ConnectionState {
    DISABLED, CONNECTING, CONNECTED, DISCONNECTED, FAILED
}
