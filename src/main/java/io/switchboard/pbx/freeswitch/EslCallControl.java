package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.LiveChannel;
import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.ConnectListeners;
import io.switchboard.pbx.ConnectionState;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Call control over the event socket. Each neutral command becomes FreeSWITCH api commands
 * ({@link EslCommandTable}), sent as background jobs one after the other ({@link EslSequence}).
 * Values are checked twice before anything is sent: for control characters (the command) and
 * for FreeSWITCH's argument syntax (the table). See docs/cti-freeswitch.md.
 */
public final class EslCallControl implements CallControl {

    private static final Logger LOG = Logger.getLogger(EslCallControl.class);

    private final EslCollector collector;
    private final ConnectListeners connectListeners;

    EslCallControl(EslCollector collector) {
        this.collector = collector;
        this.connectListeners = new ConnectListeners(collector.nodeId());
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
        return collector.state() == ConnectionState.CONNECTED;
    }

    @Override
    public CompletableFuture<PbxReply> execute(PbxCommand command, Duration deadline) {
        EslCommandTable.Plan plan;
        try {
            PbxCommand.requireSafe(command);
            plan = EslCommandTable.plan(command);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (!connected()) {
            return CompletableFuture.failedFuture(notConnected());
        }
        return EslSequence.run((step, left) -> collector.bgapi(step.command(), step.arg(), left), plan, deadline);
    }

    /** {@code callcenter_config agent list}, each row as the agent events would have reported it. */
    @Override
    public CompletableFuture<List<AgentStateChanged>> agentStates(Duration deadline) {
        if (!connected()) {
            return CompletableFuture.failedFuture(notConnected());
        }
        return collector.bgapi("callcenter_config", "agent list", deadline)
                .thenApply(text -> EslAgentStates.parseList(nodeId(), text, Instant.now()));
    }

    /** {@code show channels as json}, as a background job like every command. */
    @Override
    public CompletableFuture<List<LiveChannel>> liveChannels(Duration deadline) {
        if (!connected()) {
            return CompletableFuture.failedFuture(notConnected());
        }
        return collector.bgapi("show", "channels as json", deadline).thenApply(EslLiveChannels::parse);
    }

    @Override
    public void onConnected(Runnable listener) {
        connectListeners.add(listener);
    }

    /** After every login (and subscription). */
    void loggedIn() {
        connectListeners.fire();
    }

    void close() {
        connectListeners.close();
    }

    private NodeUnavailableException notConnected() {
        return new NodeUnavailableException("FreeSWITCH node " + nodeId() + " is not connected");
    }
}
