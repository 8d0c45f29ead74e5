package io.switchboard.pbx;

/** The PBX node a command is for is unknown or not connected. */
public class NodeUnavailableException extends IllegalStateException {
    public NodeUnavailableException(String message) {
        super(message);
    }
}
