package io.switchboard.pbx.asterisk;

import java.time.Duration;

/** Connection settings of one Asterisk node. {@link #toString()} hides the secret. */
public record AmiNodeSettings(String id, String host, int port, String username, String secret,
                              Duration connectTimeout, Duration reconnectMin, Duration reconnectMax,
                              Duration heartbeatInterval, Duration heartbeatTimeout) {

    @Override
    public String toString() {
        return "AmiNodeSettings[id=" + id + ", host=" + host + ", port=" + port + ", username=" + username
                + ", secret=*****]";
    }
}
