package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One AMI connection: a reader thread that parses actions and a writer thread that drains a
 * bounded outbound queue, so a slow reader never blocks the emitter or other clients. Like
 * Asterisk, a client whose queue overflows is disconnected.
 */
final class ClientSession {

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    /** Timestamp handling of a queued frame. */
    static final long KEEP_TIMESTAMP = -1;
    static final long WALL_CLOCK_TIMESTAMP = -2;

    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());
    private static final Outgoing CLOSE = new Outgoing(AmiFrame.of("Close", "now"), KEEP_TIMESTAMP, null);

    /** A frame to write, or raw bytes (for feeding clients deliberately broken input). */
    private record Outgoing(AmiFrame frame, long timestampMicros, byte[] raw) {
    }

    private final int id;
    private final Socket socket;
    private final BlockingQueue<Outgoing> outbound;
    private final ActionHandler handler;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong enqueued = new java.util.concurrent.atomic.AtomicLong();
    private long flushed; // guarded by this
    private Thread writer;

    // state written by the reader thread, read by emitters
    private volatile boolean loggedIn;
    private volatile boolean eventsOn = true;
    private volatile Set<String> eventClasses; // null: every class
    volatile String challenge;

    ClientSession(int id, Socket socket, int maxQueuedFrames, ActionHandler handler, Runnable onClose) {
        this.id = id;
        this.socket = socket;
        this.outbound = new LinkedBlockingQueue<>(maxQueuedFrames);
        this.handler = handler;
        this.onClose = onClose;
    }

    void start() {
        writer = Thread.ofPlatform().daemon().name("ami-sim-" + id + "-writer").start(this::writeLoop);
        Thread.ofPlatform().daemon().name("ami-sim-" + id + "-reader").start(this::readLoop);
    }

    int id() {
        return id;
    }

    boolean loggedIn() {
        return loggedIn;
    }

    boolean receivesEvents() {
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
    synchronized boolean awaitDrained(long deadlineNanos) throws InterruptedException {
        long target = enqueued.get();
        while (!closed.get() && flushed < target) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Queues bytes exactly as given, bypassing framing. */
    void sendRaw(byte[] bytes) {
        enqueue(new Outgoing(null, KEEP_TIMESTAMP, bytes));
    }

    private void enqueue(Outgoing o) {
        if (closed.get()) {
            return;
        }
        enqueued.incrementAndGet();
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
        if (!closed.get() && !outbound.offer(CLOSE)) {
            close();
        }
    }

    /** Abrupt close, as on a network failure. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            if (writer != null) {
                writer.interrupt();
            }
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

    private void writeLoop() {
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            out.write(BANNER.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!closed.get()) {
                Outgoing next = outbound.take();
                long written = 0;
                do {
                    if (next == CLOSE) {
                        out.flush();
                        close();
                        return;
                    }
                    out.write(encode(next));
                    written++;
                    next = outbound.poll();
                } while (next != null);
                out.flush();
                synchronized (this) {
                    flushed += written;
                    notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "AMI client {0} write failed: {1}", id, e.getMessage());
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
