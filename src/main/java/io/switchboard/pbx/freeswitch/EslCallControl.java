package io.switchboard.pbx.freeswitch;

import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Call control over the event socket: each neutral command becomes ESL api commands (docs/cti.md). */
public final class EslCallControl implements CallControl {

    private final EslCollector collector;
    private final List<Runnable> connectListeners = new CopyOnWriteArrayList<>();

    EslCallControl(EslCollector collector) {
        this.collector = collector;
    }

    @Override
    public String nodeId() {
        return collector.nodeId();
    }

    @Override
    public String pbxType() {
        return "freeswitch";
    }

    @Override
    public boolean connected() {
        return collector.state() == io.switchboard.pbx.ConnectionState.CONNECTED;
    }

    @Override
    public CompletableFuture<PbxReply> execute(PbxCommand command, Duration deadline) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(command.action()));
    }

    @Override
    public CompletableFuture<List<AgentStateChanged>> agentStates(Duration deadline) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public void onConnected(Runnable listener) {
        connectListeners.add(listener);
    }
}
