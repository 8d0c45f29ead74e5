package io.switchboard.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;

/**
 * A simulated client's outgoing side: a bounded queue and the writer thread that drains it onto
 * the socket, so a slow reader never blocks the emitter or other clients. Items are encoded when
 * written (so wall-clock stamps are the time of writing). Shared by the AMI and ESL simulators.
 *
 * @param <T> what the session queues (frames, events, raw bytes)
 */
public final class Outbound<T> {

    private static final System.Logger LOG = System.getLogger(Outbound.class.getName());
    private static final Object CLOSE = new Object();

    private final String name;
    private final Socket socket;
    private final BlockingQueue<Object> queue;
    private final Function<T, byte[]> encode;
    private final Runnable closeSession;
    private final AtomicLong enqueued = new AtomicLong();
    private long flushed; // guarded by this
    private volatile boolean stopped;
    private volatile ObjLongConsumer<T> onFlushed;
    private Thread writer;

    /**
     * @param name         for thread names and logs, e.g. {@code ami-sim-3}
     * @param closeSession called when writing fails or a queued close is reached
     */
    public Outbound(String name, Socket socket, int capacity, Function<T, byte[]> encode, Runnable closeSession) {
        this.name = name;
        this.socket = socket;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.encode = encode;
        this.closeSession = closeSession;
    }

    /** Starts writing; {@code preamble} (a banner, or nothing) goes out first. */
    public void start(byte[] preamble) {
        writer = Thread.ofPlatform().daemon().name(name + "-writer").start(() -> writeLoop(preamble));
    }

    /**
     * Told about every item once it has been flushed to the socket, with {@link System#nanoTime()}
     * right after the flush (benchmarks time from the wire); null stops it. Runs on the writer thread.
     */
    public void onFlushed(ObjLongConsumer<T> listener) {
        onFlushed = listener;
    }

    /** Queues an item; false when the queue is full (the client does not keep up). */
    public boolean offer(T item) {
        if (stopped) {
            return true;
        }
        enqueued.incrementAndGet();
        return queue.offer(item);
    }

    /** Queues a close behind what is already queued; false when the queue is full. */
    public boolean offerClose() {
        return stopped || queue.offer(CLOSE);
    }

    public int size() {
        return queue.size();
    }

    /** Waits until everything queued so far has been written (or the session is gone). */
    public synchronized boolean awaitDrained(long deadlineNanos) throws InterruptedException {
        long target = enqueued.get();
        while (!stopped && flushed < target) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Stops the writer (the session is closing its socket) and wakes anyone waiting for a drain. */
    public void stop() {
        stopped = true;
        if (writer != null) {
            writer.interrupt();
        }
        synchronized (this) {
            notifyAll();
        }
    }

    @SuppressWarnings("unchecked")
    private void writeLoop(byte[] preamble) {
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            if (preamble.length > 0) {
                out.write(preamble);
                out.flush();
            }
            List<T> batch = new ArrayList<>();
            while (!stopped) {
                Object next = queue.take();
                long written = 0;
                ObjLongConsumer<T> listener = onFlushed;
                do {
                    if (next == CLOSE) {
                        out.flush();
                        closeSession.run();
                        return;
                    }
                    out.write(encode.apply((T) next));
                    if (listener != null) {
                        batch.add((T) next);
                    }
                    written++;
                    next = queue.poll();
                } while (next != null);
                out.flush();
                if (listener != null) {
                    long now = System.nanoTime();
                    for (T item : batch) {
                        listener.accept(item, now);
                    }
                    batch.clear();
                }
                synchronized (this) {
                    flushed += written;
                    notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} write failed: {1}", name, e.getMessage());
        } finally {
            closeSession.run();
        }
    }
}
