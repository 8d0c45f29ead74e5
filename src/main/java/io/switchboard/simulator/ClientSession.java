package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ObjLongConsumer;

/**
 * One AMI connection: a reader thread that parses actions and a writer thread that drains a
 * bounded outbound queue, so a slow reader never blocks the emitter or other clients. Like
 * Asterisk, a client whose queue overflows is disconnected.
 */
final class ClientSession implements SimClients.Session {

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    /** Timestamp handling of a queued frame. */
    static final long KEEP_TIMESTAMP = -1;
    static final long WALL_CLOCK_TIMESTAMP = -2;

    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());
    /** A frame to write, or raw bytes (for feeding clients deliberately broken input). */
    private record Outgoing(AmiFrame frame, long timestampMicros, byte[] raw) {
    }

    private final int id;
    private final Socket socket;
    private final Outbound<Outgoing> outbound;
    private final ActionHandler handler;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    // state written by the reader thread, read by emitters
    private volatile boolean loggedIn;
    private volatile boolean eventsOn = true;
    private volatile Set<String> eventClasses; // null: every class
    volatile String challenge;

    ClientSession(int id, Socket socket, int maxQueuedFrames, ActionHandler handler, Runnable onClose) {
        this.id = id;
        this.socket = socket;
        this.outbound = new Outbound<>("ami-sim-" + id, socket, maxQueuedFrames, ClientSession::encode, this::close);
        this.handler = handler;
        this.onClose = onClose;
    }

    void start() {
        outbound.start(BANNER.getBytes(StandardCharsets.US_ASCII));
        Thread.ofPlatform().daemon().name("ami-sim-" + id + "-reader").start(this::readLoop);
    }

    int id() {
        return id;
    }

    /** Frames (not raw bytes) once flushed to the socket, with the nanoTime after the flush; null stops it. */
    void onWritten(ObjLongConsumer<AmiFrame> listener) {
        outbound.onFlushed(listener == null ? null : (o, nanos) -> {
            if (o.frame() != null) {
                listener.accept(o.frame(), nanos);
            }
        });
    }

    boolean loggedIn() {
        return loggedIn;
    }

    @Override
    public boolean receivesEvents() {
        return loggedIn && eventsOn && !closed.get();
    }

    void loggedIn(boolean eventsEnabled, Set<String> classes) {
        this.eventsOn = eventsEnabled;
        this.eventClasses = classes;
        this.loggedIn = true;
    }

    void events(boolean enabled, Set<String> classes) {
        this.eventsOn = enabled;
        this.eventClasses = classes;
    }

    /** Asterisk delivers an event only when the session subscribed to all of its classes. */
    boolean wants(String[] privilegeClasses) {
        if (!receivesEvents()) {
            return false;
        }
        Set<String> classes = eventClasses;
        if (classes == null || privilegeClasses == null) {
            return true;
        }
        for (String c : privilegeClasses) {
            if (!c.equals("all") && !classes.contains(c)) {
                return false;
            }
        }
        return true;
    }

    /** Queues a frame; drops the client when its queue is full. */
    void send(AmiFrame frame, long timestampMicros) {
        if (closed.get()) {
            return;
        }
        enqueue(new Outgoing(frame, timestampMicros, null));
    }

    /** Waits until everything queued so far has been written to the socket (or the client is gone). */
    @Override
    public boolean awaitDrained(long deadlineNanos) throws InterruptedException {
        return outbound.awaitDrained(deadlineNanos);
    }

    /** Queues bytes exactly as given, bypassing framing. */
    void sendRaw(byte[] bytes) {
        enqueue(new Outgoing(null, KEEP_TIMESTAMP, bytes));
    }

    private void enqueue(Outgoing o) {
        if (closed.get()) {
            return;
        }
        if (!outbound.offer(o)) {
            LOG.log(System.Logger.Level.WARNING, "AMI client {0} does not keep up ({1} frames queued): disconnecting",
                    id, outbound.size());
            close();
        }
    }

    void send(AmiFrame frame) {
        send(frame, KEEP_TIMESTAMP);
    }

    /** Writes what is queued, then closes (Logoff, failed login). */
    void closeAfterFlush() {
        if (!closed.get() && !outbound.offerClose()) {
            close();
        }
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
            onClose.run();
        }
    }

    private void readLoop() {
        try {
            new AmiFrameReader(socket.getInputStream()).readAll(frame -> handler.handle(this, frame));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "AMI client {0} read failed: {1}", id, e.getMessage());
        } finally {
            close();
        }
    }

    /** Wire form with the Timestamp value replaced in place when asked to. */
    private static byte[] encode(Outgoing o) {
        if (o.raw() != null) {
            return o.raw();
        }
        AmiFrame f = o.frame();
        long ts = o.timestampMicros();
        if (ts == KEEP_TIMESTAMP) {
            return f.toWireBytes();
        }
        String stamp = AmiTime.format(ts == WALL_CLOCK_TIMESTAMP ? AmiTime.nowMicros() : ts);
        StringBuilder sb = new StringBuilder(f.size() * 32);
        for (int i = 0; i < f.size(); i++) {
            String name = f.name(i);
            sb.append(name).append(": ")
                    .append(name.equalsIgnoreCase("Timestamp") ? stamp : f.value(i)).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
