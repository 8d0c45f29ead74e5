package io.switchboard.persistence;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded queue in front of one writer thread that inserts what it holds in batches, so
 * whoever hands rows over (a PBX event, a timer, a desk action) never waits for the database.
 * A full queue drops the row and counts it rather than blocking the caller; a failed batch is
 * kept and retried after a back-off, so a database outage costs memory, not rows; on shutdown
 * what is queued is written once more before the thread ends.
 */
public final class BatchWriter<T> {

    /** Writes one batch on a connection the writer opened and closes. */
    @FunctionalInterface
    public interface SqlBatch<T> {
        void write(Connection c, List<T> batch) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);
    private static final long POLL_MS = 200;
    private static final long BACK_OFF_MS = 500;

    private final String name;
    private final int maxBatch;
    private final DataSource db;
    private final SqlBatch<T> sql;
    private final BlockingQueue<T> queue;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    // accepted minus written: unlike the queue size it does not read 0 while a batch is in the air
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param name     the writer thread's name and the word used in log lines
     * @param capacity how many rows may wait before new ones are dropped
     * @param maxBatch how many rows one insert carries at most
     */
    public BatchWriter(String name, int capacity, int maxBatch, DataSource db, SqlBatch<T> sql) {
        if (capacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("capacity and maxBatch must be positive");
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.db = db;
        this.sql = sql;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name(name).daemon().start(this::run);
        }
    }

    /** Stops taking new batches, writes what is queued and waits up to 2 s for it. */
    public void stop() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues a row without waiting; false (and counted) when the queue is full. */
    public boolean offer(T row) {
        outstanding.incrementAndGet(); // before the offer, so the writer can never count it down first
        if (queue.offer(row)) {
            return true;
        }
        outstanding.decrementAndGet();
        dropped.increment();
        return false;
    }

    /** Rows accepted but not yet written. */
    public int pending() {
        return outstanding.get();
    }

    public long written() {
        return written.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    private void run() {
        List<T> batch = new ArrayList<>();
        while (running) {
            try {
                if (batch.isEmpty()) {
                    T first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                }
                write(batch);
            } catch (InterruptedException e) {
                // stop() wakes us; the loop condition ends the run
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("%s: writing %d rows failed, retrying: %s", name, batch.size(), e.getMessage());
                try {
                    Thread.sleep(BACK_OFF_MS); // the batch is kept for the next try
                } catch (InterruptedException ie) {
                    // stop() wakes us; the loop condition ends the run
                }
            }
        }
        Thread.interrupted(); // a late wake-up must not abort the last write
        queue.drainTo(batch);
        try {
            write(batch);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("%s: %d rows not written at shutdown: %s", name, batch.size(), e.getMessage());
        }
    }

    private void write(List<T> batch) throws SQLException {
        if (!batch.isEmpty()) {
            try (Connection c = db.getConnection()) {
                sql.write(c, batch);
            }
            written.add(batch.size());
            outstanding.addAndGet(-batch.size());
            batch.clear();
        }
    }
}
