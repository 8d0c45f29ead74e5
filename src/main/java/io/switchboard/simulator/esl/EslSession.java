package io.switchboard.simulator.esl;

import io.switchboard.simulator.Outbound;
import io.switchboard.simulator.SimClients;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One inbound event-socket connection: a reader thread that parses commands and a writer thread
 * that drains a bounded outbound queue, so a slow reader never blocks the emitter or other
 * clients. Replies and events share the queue, so a client sees them in the order they were
 * produced. A client whose queue overflows is disconnected.
 */
final class EslSession implements SimClients.Session {

    private static final System.Logger LOG = System.getLogger(EslSession.class.getName());

    /** Bytes to write as they are, or an event to encode in {@code contentType} when written. */
    private record Outgoing(byte[] bytes, SimEvent event, String contentType, boolean wallClock) {
    }

    private final int id;
    private final Socket socket;
    private final Outbound<Outgoing> outbound;
    private final Consumer<EslSession> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    // written by the reader thread, read by emitters
    private volatile boolean authenticated;
    private volatile EslSubscription subscription = EslSubscription.NONE;
    private final Object subscriptionLock = new Object();

    EslSession(int id, Socket socket, int maxQueued, Consumer<EslSession> onClose) {
        this.id = id;
        this.socket = socket;
        this.outbound = new Outbound<>("esl-sim-" + id, socket, maxQueued, EslSession::encode, this::close);
        this.onClose = onClose;
    }

    /** Greets with auth/request, then hands every command frame to {@code commands}. */
    void start(EslCommands commands) {
        send(EslWire.authRequest());
        outbound.start(new byte[0]);
        Thread.ofPlatform().daemon().name("esl-sim-" + id + "-reader").start(() -> readLoop(commands));
    }

    int id() {
        return id;
    }

    boolean authenticated() {
        return authenticated;
    }

    void authenticated(boolean value) {
        authenticated = value;
    }

    EslSubscription subscription() {
        return subscription;
    }

    /** Logged in and subscribed to something. */
    @Override
    public boolean receivesEvents() {
        return authenticated && subscription.active() && !closed.get();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Queues the event when the subscription lets it through. */
    void offerEvent(SimEvent event, boolean wallClock) {
        if (!authenticated) {
            return;
        }
        synchronized (subscriptionLock) {
            EslSubscription s = subscription;
            if (s.wants(event)) {
                enqueue(new Outgoing(null, event, s.contentType(), wallClock));
            }
        }
    }

    /**
     * Switches the subscription and queues the reply in one step: no event of the new
     * subscription overtakes the reply, and once the reply is out the subscription is in force.
     */
    void reply(byte[] reply, EslSubscription next) {
        synchronized (subscriptionLock) {
            subscription = next;
            send(reply);
        }
    }

    void send(byte[] bytes) {
        enqueue(new Outgoing(bytes, null, null, false));
    }

    /** Writes what is queued, then closes (exit, failed auth). */
    void closeAfterFlush() {
        if (!closed.get() && !outbound.offerClose()) {
            close();
        }
    }

    /** Waits until everything queued so far has been written (or the client is gone). */
    @Override
    public boolean awaitDrained(long deadlineNanos) throws InterruptedException {
        return outbound.awaitDrained(deadlineNanos);
    }

    /** Abrupt close, as on a network failure. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            outbound.stop();
            onClose.accept(this);
        }
    }

    private void enqueue(Outgoing o) {
        if (closed.get()) {
            return;
        }
        if (!outbound.offer(o)) {
            LOG.log(System.Logger.Level.WARNING, "ESL client {0} does not keep up ({1} messages queued): disconnecting",
                    id, outbound.size());
            close();
        }
    }

    private void readLoop(EslCommands commands) {
        try {
            EslFrameReader reader = new EslFrameReader(socket.getInputStream());
            for (EslFrame frame = reader.next(); frame != null && !closed.get(); frame = reader.next()) {
                commands.handle(this, frame);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "ESL client {0} read failed: {1}", id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ESL client {0} command failed", id, e);
        } finally {
            close();
        }
    }

    private static byte[] encode(Outgoing o) {
        if (o.bytes() != null) {
            return o.bytes();
        }
        SimEvent e = o.wallClock() ? EslTime.stamped(o.event(), EslTime.nowMicros()) : o.event();
        String text = switch (o.contentType()) {
            case EslWire.JSON -> EslJson.encode(e);
            case EslWire.XML -> EslWire.xmlEvent(e);
            default -> EslWire.plainEvent(e);
        };
        return EslWire.eventFrame(o.contentType(), text);
    }
}
