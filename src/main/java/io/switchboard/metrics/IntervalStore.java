package io.switchboard.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.switchboard.metrics.MetricsEngine.IntervalRow;
import io.switchboard.metrics.VisitFact.Attempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The metric_intervals table, and the call records the counters are rebuilt from after a restart. */
@ApplicationScoped
public class IntervalStore {

    private static final String COLUMNS = String.join(", ",
            Arrays.stream(Counter.ALL).map(Counter::column).toList());
    private static final String UPSERT = "INSERT INTO metric_intervals (interval_start_us, scope, name, " + COLUMNS
            + ", updated_us) VALUES (?, ?, ?, " + "?, ".repeat(Counter.ALL.length) + "?) ON DUPLICATE KEY UPDATE "
            + String.join(", ", Arrays.stream(Counter.ALL)
            .map(c -> c.column() + " = VALUES(" + c.column() + ")").toList())
            + ", updated_us = VALUES(updated_us)";
    private static final String SUMS = "SELECT name, " + String.join(", ", Arrays.stream(Counter.ALL)
            .map(c -> (c == Counter.WAIT_MAX_MS ? "MAX(" : "SUM(") + c.column() + ")").toList())
            + " FROM metric_intervals WHERE scope = ? AND interval_start_us >= ? AND interval_start_us < ? GROUP BY name";
    private static final String SERIES = "SELECT interval_start_us, " + COLUMNS
            + " FROM metric_intervals WHERE scope = ? AND name = ? AND interval_start_us >= ? AND interval_start_us < ?";
    private static final String STATE_TIME = "SELECT interval_start_us, name, staffed_ms, busy_ms FROM metric_intervals"
            + " WHERE scope = 'AGENT' AND interval_start_us >= ?";
    private static final String FACTS = """
            SELECT id, node, queue_name, caller_number, started_us, queued_us, disposition, wait_ms, agent_name,
              agent_interface, talk_ms, hold_ms, transfer_count, agent_attempts
            FROM call_records WHERE queued_us >= ? OR started_us >= ?""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper mapper;

    void write(List<IntervalRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        long now = Intervals.toMicros(Instant.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            c.setAutoCommit(false);
            for (IntervalRow r : rows) {
                int i = 1;
                s.setLong(i++, r.interval());
                s.setString(i++, r.dim().scope().name());
                s.setString(i++, r.dim().name());
                for (Counter k : Counter.ALL) {
                    s.setLong(i++, r.counters().get(k));
                }
                s.setLong(i, now);
                s.addBatch();
            }
            s.executeBatch();
            c.commit();
        }
    }

    /** Summed counters per dimension of one scope over [fromUs, toUs). */
    Map<Dim, Counters> sums(Scope scope, long fromUs, long toUs) {
        Map<Dim, Counters> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SUMS)) {
            s.setString(1, scope.name());
            s.setLong(2, fromUs);
            s.setLong(3, toUs);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(new Dim(scope, rs.getString(1)), counters(rs, 2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading metric history failed", e);
        }
        return out;
    }

    /** One dimension's intervals in [fromUs, toUs). */
    NavigableMap<Long, Counters> series(Dim dim, long fromUs, long toUs) {
        NavigableMap<Long, Counters> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SERIES)) {
            s.setString(1, dim.scope().name());
            s.setString(2, dim.name());
            s.setLong(3, fromUs);
            s.setLong(4, toUs);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), counters(rs, 2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading metric history failed", e);
        }
        return out;
    }

    private static Counters counters(ResultSet rs, int first) throws SQLException {
        Counters k = new Counters();
        int i = first;
        for (Counter c : Counter.ALL) {
            k.set(c, rs.getLong(i++));
        }
        return k;
    }

    /** Agent staffed/busy time from {@code fromUs} on: not derivable from call records. */
    void loadStateTime(long fromUs, MetricsEngine engine) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(STATE_TIME)) {
            s.setLong(1, fromUs);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    engine.restoreStateTime(new Dim(Scope.AGENT, rs.getString(2)), rs.getLong(1), rs.getLong(3),
                            rs.getLong(4));
                }
            }
        }
    }

    /** Every stored call that joined a queue or started from {@code fromUs} on, as final facts. */
    void loadFacts(long fromUs, Consumer<VisitFact> sink) throws SQLException {
        List<VisitFact> facts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FACTS)) {
            s.setLong(1, fromUs);
            s.setLong(2, fromUs);
            s.setFetchSize(1_000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long queued = rs.getLong(6);
                    Instant queuedAt = rs.wasNull() ? null : Intervals.instant(queued);
                    facts.add(VisitFact.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Intervals.instant(rs.getLong(5)), queuedAt, rs.getString(7), rs.getLong(8),
                            VisitFact.agentKey(rs.getString(9), rs.getString(10)), rs.getLong(11), rs.getLong(12),
                            rs.getInt(13) > 0, attempts(rs.getString(14))));
                }
            }
        }
        facts.sort((a, b) -> a.at().compareTo(b.at()));
        facts.forEach(sink);
    }

    private List<Attempt> attempts(String json) {
        List<Attempt> out = new ArrayList<>();
        try {
            for (JsonNode a : mapper.readTree(json)) {
                String name = a.path("agentName").isTextual() ? a.get("agentName").asText() : null;
                String iface = a.path("agentInterface").isTextual() ? a.get("agentInterface").asText() : null;
                out.add(new Attempt(VisitFact.agentKey(name, iface), "NO_ANSWER".equals(a.path("outcome").asText())));
            }
        } catch (Exception e) {
            // a record written by hand without attempts still counts as a call
        }
        return out;
    }
}
