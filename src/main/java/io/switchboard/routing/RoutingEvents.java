package io.switchboard.routing;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.persistence.BatchWriter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where control-console transitions go: counted ({@code switchboard.routing.transitions}),
 * handed to listeners (the {@code /ws/routing} socket) and written to {@code routing_events} by a
 * writer thread, so whoever publishes (a timer, a heartbeat) never waits for the database.
 */
@ApplicationScoped
public class RoutingEvents {

    private static final Logger LOG = Logger.getLogger(RoutingEvents.class);
    private static final int PAGE = 500;
    /** Rows a filtered read looks at, at most: bounds the work of a request that keeps few. */
    static final int SCAN_LIMIT = 20_000;

    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry registry;

    private final List<Consumer<RoutingEvent>> listeners = new CopyOnWriteArrayList<>();
    private BatchWriter<RoutingEvent> writer;

    @PostConstruct
    void init() {
        // built here rather than at start so publish() before startup queues instead of failing
        writer = new BatchWriter<>("routing-events", 10_000, 200, db, RoutingEvents::insert);
    }

    void start(@Observes StartupEvent ev) {
        registry.more().counter("switchboard.routing.events.dropped", List.of(), writer, BatchWriter::dropped);
        writer.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        writer.stop();
    }

    public void publish(RoutingEvent event) {
        LOG.infof("routing %s %s: %s -> %s (%s, by %s)", event.kind(), event.scope(), event.from(), event.to(),
                event.reason(), event.actor());
        registry.counter("switchboard.routing.transitions", "kind", event.kind()).increment();
        writer.offer(event); // a full queue is counted by the writer
        for (Consumer<RoutingEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf("routing event listener failed: %s", e.toString());
            }
        }
    }

    public void subscribe(Consumer<RoutingEvent> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<RoutingEvent> listener) {
        listeners.remove(listener);
    }

    /** The newest events, newest first, optionally of one kind. */
    public List<RoutingEvent> recent(String kind, int limit) {
        return recent(kind, limit, e -> true);
    }

    /**
     * The newest events the filter keeps, newest first, optionally of one kind. Read a page at a time
     * until {@code limit} are kept or {@link #SCAN_LIMIT} rows were looked at, so a tenant with few
     * events among many is not handed an empty page.
     */
    public List<RoutingEvent> recent(String kind, int limit, Predicate<RoutingEvent> keep) {
        List<RoutingEvent> out = new ArrayList<>();
        long[] after = null; // (at_us, id) of the last row read
        int scanned = 0;
        while (out.size() < limit && scanned < SCAN_LIMIT) {
            int page = Math.min(PAGE, SCAN_LIMIT - scanned);
            List<Row> rows = page(kind, after, page);
            for (Row r : rows) {
                if (keep.test(r.event()) && out.size() < limit) {
                    out.add(r.event());
                }
            }
            scanned += rows.size();
            if (rows.size() < page) {
                break;
            }
            Row last = rows.get(rows.size() - 1);
            after = new long[] {last.atUs(), last.id()};
        }
        return out;
    }

    private record Row(long id, long atUs, RoutingEvent event) {
    }

    private List<Row> page(String kind, long[] after, int size) {
        String sql = "select id, at_us, kind, scope, from_state, to_state, reason, actor from routing_events where 1 = 1"
                + (kind == null ? "" : " and kind = ?")
                + (after == null ? "" : " and (at_us < ? or (at_us = ? and id < ?))")
                + " order by at_us desc, id desc limit ?";
        List<Row> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (kind != null) {
                ps.setString(i++, kind);
            }
            if (after != null) {
                ps.setLong(i++, after[0]);
                ps.setLong(i++, after[0]);
                ps.setLong(i++, after[1]);
            }
            ps.setInt(i, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long us = rs.getLong(2);
                    out.add(new Row(rs.getLong(1), us, new RoutingEvent(Instant.EPOCH.plus(us, ChronoUnit.MICROS),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading routing events failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Events accepted but not yet written (tests await 0). */
    public int pending() {
        return writer.pending();
    }

    private static void insert(Connection c, List<RoutingEvent> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into routing_events (at_us, kind, scope, from_state, "
                + "to_state, reason, actor) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (RoutingEvent e : batch) {
                ps.setLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, e.at()));
                ps.setString(2, e.kind());
                ps.setString(3, cut(e.scope(), 128));
                ps.setString(4, cut(e.from(), 128));
                ps.setString(5, cut(e.to(), 128));
                ps.setString(6, cut(e.reason(), 500));
                ps.setString(7, cut(e.actor() == null ? "system" : e.actor(), 64));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
