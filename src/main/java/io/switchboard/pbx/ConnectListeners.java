package io.switchboard.pbx;

import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * What runs after each (re)login to a node. Listeners may call back into the node and wait for
 * its answer, so each runs on a virtual thread of its own, never on the thread reading the PBX.
 */
public final class ConnectListeners {

    private static final Logger LOG = Logger.getLogger(ConnectListeners.class);

    private final String nodeId;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService threads;

    public ConnectListeners(String nodeId) {
        this.nodeId = nodeId;
        this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("connected-" + nodeId + "-", 0)
                .factory());
    }

    public void add(Runnable listener) {
        listeners.add(listener);
    }

    public void fire() {
        for (Runnable l : listeners) {
            try {
                threads.execute(() -> {
                    try {
                        l.run();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "node %s: a connect listener failed", nodeId);
                    }
                });
            } catch (RejectedExecutionException closed) {
                return;
            }
        }
    }

    public void close() {
        threads.shutdownNow();
    }
}
