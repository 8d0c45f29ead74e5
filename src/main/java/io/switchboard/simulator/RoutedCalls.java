package io.switchboard.simulator;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts {@link RoutedCall}s: where the routing server is, and the threads their AGI
 * conversations block on (one virtual thread per call, like Asterisk's thread per AGI channel).
 */
final class RoutedCalls implements AutoCloseable {

    private final AmiSimulator sim;
    private final ExecutorService conversations = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ami-sim-agi-", 0).factory());
    private volatile AgiRouting routing = AgiRouting.defaults();

    RoutedCalls(AmiSimulator sim) {
        this.sim = sim;
    }

    AgiRouting routing() {
        return routing;
    }

    void routing(AgiRouting r) {
        routing = r == null ? AgiRouting.defaults() : r;
    }

    RoutedCall start(String callerNumber, String callerName, String dialed, Map<String, String> vars,
                     String agentInterface) {
        RoutedCall call = new RoutedCall(sim, routing, callerNumber, callerName,
                dialed == null || dialed.isBlank() ? "s" : dialed, vars, agentInterface);
        try {
            conversations.execute(call::converse);
        } catch (RejectedExecutionException closing) {
            // the simulator is shutting down: the call stays where it is
        }
        return call;
    }

    @Override
    public void close() {
        conversations.shutdownNow();
    }
}
