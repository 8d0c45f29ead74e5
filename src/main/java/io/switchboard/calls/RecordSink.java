package io.switchboard.calls;

/** Where finished call records go. May block to push back on the lane when it is full. */
@FunctionalInterface
public interface RecordSink {
    void accept(CallRecord record) throws InterruptedException;
}
