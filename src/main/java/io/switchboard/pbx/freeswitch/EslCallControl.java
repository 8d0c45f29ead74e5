package io.switchboard.pbx.freeswitch;

import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.ConnectionState;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Call control over the event socket. Each neutral command becomes FreeSWITCH api commands
 * ({@link EslCommandTable}), sent as background jobs one after the other ({@link EslSequence}).
 * Values are checked twice before anything is sent: for control characters (the command) and
 * for FreeSWITCH's argument syntax (the table). See docs/cti-freeswitch.md.
 */
public final class EslCallControl implements CallControl {

    private static final Logger LOG = Logger.getLogger(EslCallControl.class);

    private final EslCollector collector;
    private final List<Runnable> connectListeners = new CopyOnWriteArrayList<>();
    // listeners may call back into this control and wait: not on the client's own threads
    private final ExecutorService notifier = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("esl-connected-", 0).factory());

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

    @Override
    public void onConnected(Runnable listener) {
        connectListeners.add(listener);
    }

    /** After every login (and subscription): each listener on a virtual thread of its own. */
    void loggedIn() {
        for (Runnable l : connectListeners) {
            try {
                notifier.execute(() -> {
                    try {
                        l.run();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "ESL node %s: a connect listener failed", nodeId());
                    }
                });
            } catch (RejectedExecutionException closed) {
                return;
            }
        }
    }

    void close() {
        notifier.shutdownNow();
    }

    private NodeUnavailableException notConnected() {
        return new NodeUnavailableException("FreeSWITCH node " + nodeId() + " is not connected");
    }
}
