package io.switchboard.workflow.tickets;

import io.agroal.api.AgroalDataSource;
import io.switchboard.workflow.Micros;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tickets} and {@code ticket_events} tables. Plain JDBC on the service's datasource: inside
 * a transaction (a REST call, or the engine's own when a process step runs) it writes in that
 * transaction, so a ticket's state and its process move together.
 */
@ApplicationScoped
public class TicketStore {

    private static final String COLUMNS = "id, tenant, kind, status, priority, subject, description, caller_number, "
            + "customer_id, call_id, amount, currency, agent_id, created_by, unit_id, process_key, process_instance_id, "
            + "outcome, created_at, updated_at, closed_at";

    @Inject
    AgroalDataSource db;

    /** The engine's clock, so tests that move it see tickets move with their processes. */
    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** Inserts the ticket; false when {@code triggerKey} is already taken (nothing written). */
    public boolean insert(Ticket t, String triggerKey) {
        String sql = "INSERT IGNORE INTO tickets (" + COLUMNS + ", trigger_key) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, t.id());
            ps.setString(i++, t.tenant());
            ps.setString(i++, t.kind().id());
            ps.setString(i++, t.status());
            ps.setString(i++, t.priority());
            ps.setString(i++, t.subject());
            ps.setString(i++, t.description());
            ps.setString(i++, t.callerNumber());
            ps.setString(i++, t.customerId());
            ps.setString(i++, t.callId());
            ps.setBigDecimal(i++, t.amount());
            ps.setString(i++, t.currency());
            ps.setString(i++, t.agentId());
            ps.setString(i++, t.createdBy());
            ps.setString(i++, t.unitId());
            ps.setString(i++, t.processKey());
            ps.setString(i++, t.processInstanceId());
            ps.setString(i++, t.outcome());
            ps.setLong(i++, Micros.of(t.createdAt()));
            ps.setLong(i++, Micros.of(t.updatedAt()));
            if (t.closedAt() == null) {
                ps.setNull(i++, Types.BIGINT);
            } else {
                ps.setLong(i++, Micros.of(t.closedAt()));
            }
            ps.setString(i, triggerKey);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("saving ticket " + t.id() + " failed", e);
        }
    }

    public Optional<Ticket> find(String id) {
        return list("SELECT " + COLUMNS + " FROM tickets WHERE id = ?", id).stream().findFirst();
    }

    public Optional<Ticket> byTrigger(String triggerKey) {
        return list("SELECT " + COLUMNS + " FROM tickets WHERE trigger_key = ?", triggerKey).stream().findFirst();
    }

    public List<Ticket> list(TicketFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tickets WHERE tenant = ?");
        List<Object> args = new ArrayList<>();
        args.add(f.tenant());
        where(sql, args, "status", f.status());
        where(sql, args, "kind", f.kind() == null ? null : f.kind().id());
        where(sql, args, "customer_id", f.customerId());
        where(sql, args, "call_id", f.callId());
        where(sql, args, "created_by", f.createdBy());
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
        args.add(f.size());
        args.add(f.page() * f.size());
        return list(sql.toString(), args.toArray());
    }

    private static void where(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    public void setProcess(String id, String processKey, String processInstanceId) {
        update("UPDATE tickets SET process_key = ?, process_instance_id = ?, updated_at = ? WHERE id = ?",
                processKey, processInstanceId, Micros.of(now()), id);
    }

    /** Sets the status; returns the one before (empty when there is no such ticket). */
    public Optional<String> setStatus(String id, String status) {
        Optional<String> before = find(id).map(Ticket::status);
        before.ifPresent(b -> update("UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?", status,
                Micros.of(now()), id));
        return before;
    }

    public void close(String id, String status, String outcome) {
        long at = Micros.of(now());
        update("UPDATE tickets SET status = ?, outcome = ?, closed_at = ?, updated_at = ? WHERE id = ?",
                status, outcome, at, at, id);
    }

    public void event(String ticketId, String tenant, String actor, String action, String before, String after,
                      String detail) {
        update("INSERT INTO ticket_events (ticket_id, tenant, at_us, actor, action, before_value, after_value, detail) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ticketId, tenant, Micros.of(now()),
                actor == null ? "system" : actor, action, cut(before, 255), cut(after, 255), cut(detail, 1000));
    }

    public List<TicketEvent> events(String ticketId) {
        String sql = "SELECT id, ticket_id, at_us, actor, action, before_value, after_value, detail FROM ticket_events "
                + "WHERE ticket_id = ? ORDER BY id";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ticketId);
            List<TicketEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TicketEvent(rs.getLong(1), rs.getString(2), Micros.instant(rs.getLong(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading events of ticket " + ticketId + " failed", e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private List<Ticket> list(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<Ticket> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading tickets failed", e);
        }
    }

    private static Ticket read(ResultSet rs) throws SQLException {
        long closed = rs.getLong(21);
        Instant closedAt = rs.wasNull() ? null : Micros.instant(closed);
        return new Ticket(rs.getString(1), rs.getString(2), TicketKind.of(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getBigDecimal(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), rs.getString(18), Micros.instant(rs.getLong(19)),
                Micros.instant(rs.getLong(20)), closedAt);
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating tickets failed", e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
