package io.switchboard.workflow.alerts;

import io.agroal.api.AgroalDataSource;
import io.switchboard.workflow.SlaBreached;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code alerts} and {@code alert_deliveries}: the claim that makes a breach alert once, and every outcome. */
@ApplicationScoped
public class AlertStore {

    /** An alert's state: PENDING while it is being sent, then how its deliveries ended. */
    public enum AlertStatus {
        PENDING, SENT, PARTIAL, FAILED, SKIPPED
    }

    public record DeliveryRecord(long id, String recipient, String channel, String status, int attempts,
                                 String error, String detail, Instant at) {
    }

    public record AlertRecord(long id, String tenant, String taskId, int level, boolean escalation, String processKey,
                              String processInstanceId, String taskName, String ticketId, String assignee,
                              Instant dueAt, Instant firedAt, Instant createdAt, String status, Instant finishedAt,
                              List<DeliveryRecord> deliveries) {
    }

    /** Filters of {@link #page}; null fields do not filter. {@code before}: ids below it (the next page). */
    public record Query(String tenant, String ticketId, String taskId, String status, Long before, int limit) {
    }

    @Inject
    AgroalDataSource db;

    /** The breach's alert row, or empty when (task, level) was claimed before: here, elsewhere or before a restart. */
    public OptionalLong claim(SlaBreached b, Instant now) {
        String sql = "insert into alerts (tenant, task_id, sla_level, escalation, process_key, process_instance_id,"
                + " task_name, ticket_id, assignee, due_at, fired_at, created_at, status)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, b.tenant());
            ps.setString(2, b.taskId());
            ps.setInt(3, b.level());
            ps.setBoolean(4, b.escalation());
            ps.setString(5, cut(b.processKey(), 255));
            ps.setString(6, b.processInstanceId());
            ps.setString(7, cut(b.taskName(), 255));
            ps.setString(8, b.ticketId());
            ps.setString(9, b.assignee());
            if (b.dueAt() == null) {
                ps.setNull(10, Types.BIGINT);
            } else {
                ps.setLong(10, micros(b.dueAt()));
            }
            ps.setLong(11, micros(b.firedAt()));
            ps.setLong(12, micros(now));
            ps.setString(13, AlertStatus.PENDING.name());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return OptionalLong.of(keys.getLong(1));
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return OptionalLong.empty();
            }
            throw new IllegalStateException("recording an alert failed: " + e.getMessage(), e);
        }
    }

    public long delivery(long alertId, String recipient, String channel, Instant now) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into alert_deliveries (alert_id, recipient, channel,"
                     + " status, attempts, updated_at) values (?, ?, ?, ?, 0, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, alertId);
            ps.setString(2, recipient);
            ps.setString(3, channel);
            ps.setString(4, AlertStatus.PENDING.name());
            ps.setLong(5, micros(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording an alert delivery failed: " + e.getMessage(), e);
        }
    }

    /** After each attempt: how many so far and how the last one went ({@code status} PENDING while retrying). */
    public void attempt(long deliveryId, int attempts, String status, Delivery last, Instant now) {
        boolean ok = last.status() != Delivery.Status.FAILED;
        update("update alert_deliveries set attempts = ?, status = ?, error = ?, detail = ?, updated_at = ?"
                + " where id = ?", attempts, status, ok ? null : cut(last.detail(), 500),
                ok ? cut(last.detail(), 500) : null, micros(now), deliveryId);
    }

    public void finish(long alertId, AlertStatus status, Instant now) {
        update("update alerts set status = ?, finished_at = ? where id = ?", status.name(), micros(now), alertId);
    }

    /** Newest first, with their deliveries. */
    public List<AlertRecord> page(Query q) {
        StringBuilder sql = new StringBuilder("select id, tenant, task_id, sla_level, escalation, process_key,"
                + " process_instance_id, task_name, ticket_id, assignee, due_at, fired_at, created_at, status,"
                + " finished_at from alerts where tenant = ?");
        List<Object> args = new ArrayList<>(List.of(q.tenant()));
        filter(sql, args, "ticket_id", q.ticketId());
        filter(sql, args, "task_id", q.taskId());
        filter(sql, args, "status", q.status());
        if (q.before() != null) {
            sql.append(" and id < ?");
            args.add(q.before());
        }
        sql.append(" order by id desc limit ?");
        args.add(q.limit());
        Map<Long, AlertRecord> alerts = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = prepared(c, sql.toString(), args); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    alerts.put(rs.getLong(1), new AlertRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getInt(4), rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), instant(rs, 11), instant(rs, 12), instant(rs, 13),
                            rs.getString(14), instant(rs, 15), new ArrayList<>()));
                }
            }
            if (alerts.isEmpty()) {
                return List.of();
            }
            String in = String.join(",", java.util.Collections.nCopies(alerts.size(), "?"));
            try (PreparedStatement ps = prepared(c, "select alert_id, id, recipient, channel, status, attempts, error,"
                    + " detail, updated_at from alert_deliveries where alert_id in (" + in + ") order by id",
                    new ArrayList<>(alerts.keySet())); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    alerts.get(rs.getLong(1)).deliveries().add(new DeliveryRecord(rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8),
                            instant(rs, 9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading alerts failed: " + e.getMessage(), e);
        }
        return alerts.values().stream().map(a -> new AlertRecord(a.id(), a.tenant(), a.taskId(), a.level(),
                a.escalation(), a.processKey(), a.processInstanceId(), a.taskName(), a.ticketId(), a.assignee(),
                a.dueAt(), a.firedAt(), a.createdAt(), a.status(), a.finishedAt(), List.copyOf(a.deliveries())))
                .toList();
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = prepared(c, sql, java.util.Arrays.asList(args))) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording an alert outcome failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepared(Connection c, String sql, List<?> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setObject(i + 1, a);
            }
        }
        return ps;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.EPOCH.plus(v, ChronoUnit.MICROS);
    }

    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
