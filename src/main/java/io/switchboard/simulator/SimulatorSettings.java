package io.switchboard.simulator;

import java.util.Objects;

/**
 * Where the simulated AMI server listens and which credentials it accepts.
 *
 * @param port 0 picks an ephemeral port on the first {@link AmiSimulator#start()}
 */
public record SimulatorSettings(String bindHost, int port, String username, String secret) {

    public SimulatorSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", 0, "switchboard", "switchboard");
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(bindHost, newPort, username, secret);
    }

    public SimulatorSettings withCredentials(String newUsername, String newSecret) {
        return new SimulatorSettings(bindHost, port, newUsername, newSecret);
    }
}
