package io.switchboard.simulator.esl;

import java.util.Objects;

/**
 * Where the simulated inbound event socket listens and the password {@code auth} must give.
 *
 * @param port 0 picks an ephemeral port on the first {@link EslSimulator#start()}
 */
public record EslSimulatorSettings(String bindHost, int port, String password) {

    public EslSimulatorSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(password, "password");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** FreeSWITCH's stock {@code event_socket.conf.xml} password, on loopback, ephemeral port. */
    public static EslSimulatorSettings defaults() {
        return new EslSimulatorSettings("127.0.0.1", 0, "ClueCon");
    }

    public EslSimulatorSettings withPort(int newPort) {
        return new EslSimulatorSettings(bindHost, newPort, password);
    }

    public EslSimulatorSettings withPassword(String newPassword) {
        return new EslSimulatorSettings(bindHost, port, newPassword);
    }
}
