package io.switchboard.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plain JUnit: the writer only needs a connection to hand to its batch function, so a
 * connection that does nothing stands in for the database and the batch function records
 * what it was given.
 */
class BatchWriterTest {

    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private BatchWriter<Integer> writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop();
        }
    }

    @Test
    void everyRowIsWrittenOnceInOrderInBatchesNoLargerThanTheMaximum() {
        writer = writer(1_000, 7);
        List<Integer> rows = IntStream.range(0, 100).boxed().toList();
        rows.forEach(writer::offer);
        writer.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> writer.pending() == 0);

        assertThat(written()).containsExactlyElementsOf(rows);
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 7));
        assertThat(writer.written()).isEqualTo(100);
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        writer = writer(2, 10);

        assertThat(writer.offer(1)).isTrue();
        assertThat(writer.offer(2)).isTrue();
        assertThat(writer.offer(3)).isFalse();

        assertThat(writer.dropped()).isEqualTo(1);
        assertThat(writer.pending()).isEqualTo(2);
        assertThat(writer.written()).isZero();
    }

    @Test
    void aFailedBatchIsKeptAndWrittenOnTheNextTry() {
        writer = writer(100, 10);
        failuresLeft.set(2);
        writer.offer(1);
        writer.offer(2);
        writer.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> writer.pending() == 0);

        assertThat(failures).hasValue(2);
        assertThat(written()).containsExactly(1, 2);
        assertThat(writer.written()).isEqualTo(2);
    }

    @Test
    void stoppingWritesWhatIsStillQueued() {
        writer = writer(100, 10);
        failuresLeft.set(1);
        writer.offer(1);
        writer.start();
        // the first write fails, so the writer is backing off when more rows arrive and it is stopped
        await().atMost(Duration.ofSeconds(5)).until(() -> failures.get() == 1);
        writer.offer(2);
        writer.offer(3);

        writer.stop();

        assertThat(written()).containsExactly(1, 2, 3);
        assertThat(writer.pending()).isZero();
    }

    private BatchWriter<Integer> writer(int capacity, int maxBatch) {
        return new BatchWriter<>("batch-writer-test", capacity, maxBatch, idleDatabase(), (c, batch) -> {
            assertThat(c).isNotNull();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failures.incrementAndGet();
                throw new SQLException("database unavailable");
            }
            batches.add(List.copyOf(batch));
        });
    }

    private List<Integer> written() {
        List<Integer> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    /** A data source whose connections accept close() and nothing else. */
    private static DataSource idleDatabase() {
        Connection connection = (Connection) Proxy.newProxyInstance(BatchWriterTest.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "isClosed" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "idle connection";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (DataSource) Proxy.newProxyInstance(BatchWriterTest.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connection;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "idle database";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
