package io.switchboard.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.RecordSink;
import io.switchboard.security.Tenancy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes finished call records in batches on its own thread. Each record is written exactly
 * once: the primary key is the call id and a second insert of it changes nothing. A failed
 * batch is retried with backoff and kept in memory meanwhile; the bounded queue in front
 * makes the ingest lanes wait when the database falls far behind. Each row carries its call's
 * tenant ({@link Tenancy#ofCall}), on this path whether the record came from a lane or the bus.
 */
@ApplicationScoped
public class CallRecordWriter implements RecordSink {

    private static final Logger LOG = Logger.getLogger(CallRecordWriter.class);

    static final String INSERT_RECORD = """
            INSERT INTO call_records (id, node, pbx_type, pbx_call_id, direction, caller_number, caller_name,
              dialed_number, queue_name, agent_name, agent_interface, started_us, queued_us, answered_us, ended_us,
              wait_ms, talk_ms, hold_ms, disposition, hangup_cause, hangup_cause_text, routing_status,
              transfer_count, transfers, agent_attempts, ivr_data, recorded_us, tenant)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE id = id""";
    static final String INSERT_TIMELINE = """
            INSERT INTO call_timelines (call_id, events) VALUES (?, ?)
            ON DUPLICATE KEY UPDATE call_id = call_id""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper mapper;
    @Inject
    RecordsConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    Tenancy tenancy;

    private BlockingQueue<CallRecord> queue;
    private Thread thread;
    private volatile boolean running;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final LongAdder written = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder failures = new LongAdder();
    // accepted minus stored: unlike the queue size it counts the batch being retried and callers blocked in put
    private final AtomicInteger pending = new AtomicInteger();

    void start(@Observes @Priority(20) StartupEvent ev) {
        queue = new ArrayBlockingQueue<>(config.queueCapacity());
        Gauge.builder("switchboard.records.pending", this, CallRecordWriter::pending)
                .description("Finished call records not yet stored in the database").register(registry);
        FunctionCounter.builder("switchboard.records.write.failures", this, CallRecordWriter::failures)
                .description("Failed attempts to write a batch of call records (each is retried)").register(registry);
        FunctionCounter.builder("switchboard.records.written", this, CallRecordWriter::written)
                .description("Call records stored in the database").register(registry);
        running = true;
        thread = Thread.ofPlatform().name("record-writer").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void accept(CallRecord record) throws InterruptedException {
        pending.incrementAndGet(); // before the put, so the writer can never count it down first
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    private void run() {
        List<CallRecord> batch = new ArrayList<>(config.batchSize());
        long retryDelay = config.retryMin().toMillis();
        try {
            while (running || !queue.isEmpty() || !batch.isEmpty()) {
                if (batch.isEmpty()) {
                    CallRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, config.batchSize() - 1);
                }
                try {
                    write(batch);
                    pending.addAndGet(-batch.size());
                    batch.clear();
                    retryDelay = config.retryMin().toMillis();
                } catch (SQLException | RuntimeException e) {
                    failures.increment();
                    LOG.warnf("writing %d call records failed (%s); retrying in %d ms", batch.size(),
                            e.getMessage(), retryDelay);
                    if (!running) {
                        return; // shutting down with the database away: nothing more to do
                    }
                    TimeUnit.MILLISECONDS.sleep(retryDelay); // backoff between retries, not a poll
                    retryDelay = Math.min(config.retryMax().toMillis(), retryDelay * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** Writes a batch now, on the caller's thread, in one transaction; ids already stored are left alone. */
    public void write(List<CallRecord> batch) throws SQLException {
        long now = micros(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement rec = c.prepareStatement(INSERT_RECORD);
                 PreparedStatement tl = c.prepareStatement(INSERT_TIMELINE)) {
                for (CallRecord r : batch) {
                    bind(rec, r, now);
                    rec.addBatch();
                    tl.setString(1, r.id());
                    tl.setString(2, TimelineJson.write(mapper, r.timeline()));
                    tl.addBatch();
                }
                int[] counts = rec.executeBatch();
                tl.executeBatch();
                c.commit();
                for (int n : counts) {
                    if (n == 0) {
                        duplicates.increment();
                    } else {
                        written.increment();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void bind(PreparedStatement s, CallRecord r, long now) throws SQLException {
        int i = 1;
        s.setString(i++, r.id());
        s.setString(i++, r.node());
        s.setString(i++, r.pbxType());
        s.setString(i++, r.pbxCallId());
        s.setString(i++, r.direction().name());
        s.setString(i++, cut(r.callerNumber(), 80));
        s.setString(i++, cut(r.callerName(), 160));
        s.setString(i++, cut(r.dialedNumber(), 80));
        s.setString(i++, cut(r.queue(), 80));
        s.setString(i++, cut(r.agentName(), 160));
        s.setString(i++, cut(r.agentInterface(), 160));
        s.setLong(i++, micros(r.startedAt()));
        setMicros(s, i++, r.queuedAt());
        setMicros(s, i++, r.answeredAt());
        s.setLong(i++, micros(r.endedAt()));
        s.setLong(i++, r.waitMillis());
        s.setLong(i++, r.talkMillis());
        s.setLong(i++, r.holdMillis());
        s.setString(i++, r.disposition().name());
        if (r.hangupCause() == null) {
            s.setNull(i++, Types.INTEGER);
        } else {
            s.setInt(i++, r.hangupCause());
        }
        s.setString(i++, cut(r.hangupCauseText(), 80));
        s.setString(i++, cut(r.routingStatus(), 32));
        s.setInt(i++, r.transfers().size());
        s.setString(i++, json(r.transfers()));
        s.setString(i++, json(r.agentAttempts()));
        s.setString(i++, json(r.ivrData()));
        s.setLong(i++, now);
        // decided once, when stored: reads filter on the column, never on today's settings
        s.setString(i, cut(tenancy.ofCall(r.node(), r.queue()), 64));
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + o.getClass().getSimpleName(), e);
        }
    }

    private static void setMicros(PreparedStatement s, int i, Instant t) throws SQLException {
        if (t == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, micros(t));
        }
    }

    static long micros(Instant t) {
        return t == null ? 0 : Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public long written() {
        return written.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long failures() {
        return failures.sum();
    }

    /** Records accepted and not yet stored: queued, in the batch being written or retried, or waiting to queue. */
    public int pending() {
        return pending.get();
    }

    public int backlog() {
        return queue == null ? 0 : queue.size();
    }
}
