package io.switchboard.routing;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One node's call control behind its circuit breaker. While the breaker is open a command fails at
 * once with {@link NodeUnavailableException} and nothing is written to the socket. Every command's
 * latency and failure goes to the load model. Heartbeats ({@link PbxCommand.Ping}) pass by the
 * breaker: they are what tells that a node is back.
 */
final class BreakerControl implements CallControl {

    /** Where each command's time and outcome go: node, nanoseconds, failed. */
    @FunctionalInterface
    interface CommandStats {
        void record(String node, long nanos, boolean failed);
    }

    private final CallControl delegate;
    private final TypedGuard<CompletionStage<PbxReply>> guard;
    private final CommandStats stats;

    BreakerControl(CallControl delegate, TypedGuard<CompletionStage<PbxReply>> guard, CommandStats stats) {
        this.delegate = delegate;
        this.guard = guard;
        this.stats = stats;
    }

    CallControl delegate() {
        return delegate;
    }

    @Override
    public String nodeId() {
        return delegate.nodeId();
    }

    @Override
    public String pbxType() {
        return delegate.pbxType();
    }

    @Override
    public boolean connected() {
        return delegate.connected();
    }

    @Override
    public CompletableFuture<PbxReply> execute(PbxCommand command, Duration deadline) {
        if (command instanceof PbxCommand.Ping) {
            return delegate.execute(command, deadline);
        }
        long start = System.nanoTime();
        CompletionStage<PbxReply> guarded;
        try {
            guarded = guard.get(() -> delegate.execute(command, deadline));
        } catch (Exception e) { // an open breaker may refuse before a stage exists
            guarded = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<PbxReply> result = new CompletableFuture<>();
        guarded.whenComplete((reply, error) -> {
            stats.record(nodeId(), System.nanoTime() - start, error != null);
            if (error == null) {
                result.complete(reply);
            } else {
                result.completeExceptionally(translate(unwrap(error)));
            }
        });
        return result;
    }

    private Throwable translate(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            return new NodeUnavailableException("circuit open for PBX node " + nodeId()
                    + ": its recent commands failed or timed out");
        }
        return e;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Resync reads are not counted against the breaker: they run after a reconnect, when it may still be open. */
    @Override
    public CompletableFuture<List<AgentStateChanged>> agentStates(Duration deadline) {
        return delegate.agentStates(deadline);
    }

    /** Like the agent resync, a read after a reconnect: not counted against the breaker. */
    @Override
    public CompletableFuture<List<io.switchboard.calls.LiveChannel>> liveChannels(Duration deadline) {
        return delegate.liveChannels(deadline);
    }

    @Override
    public void onConnected(Runnable listener) {
        delegate.onConnected(listener);
    }
}
