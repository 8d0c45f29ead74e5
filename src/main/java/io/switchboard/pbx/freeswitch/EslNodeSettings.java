package io.switchboard.pbx.freeswitch;

import java.time.Duration;

/** Connection settings of one FreeSWITCH node. {@link #toString()} hides the password. */
public record EslNodeSettings(String id, String host, int port, String password, Duration reconnectDelay) {

    @Override
    public String toString() {
        return "EslNodeSettings[id=" + id + ", host=" + host + ", port=" + port + ", password=*****]";
    }
}
