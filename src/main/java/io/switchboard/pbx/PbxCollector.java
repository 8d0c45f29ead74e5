package io.switchboard.pbx;

/** A connection to one PBX node that feeds normalized events into the call model. */
public interface PbxCollector extends AutoCloseable {

    String nodeId();

    void start();

    NodeStatus status();

    /** Commands to this node (call control, agent login/pause, agent resync). */
    CallControl control();

    @Override
    void close();
}
