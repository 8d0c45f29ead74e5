package io.switchboard.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The SQL of {@code audit_log}: the one insert (single admin changes and CTI batches alike) and the page query. */
final class AuditRows {

    private static final String INSERT = "insert into audit_log (at_us, tenant, actor, action, target_type, target_id, "
            + "agent_id, before_json, after_json, outcome, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private AuditRows() {
    }

    static void insert(Connection c, List<AuditRecord> batch, ObjectMapper json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AuditRecord r : batch) {
                ps.setLong(1, micros(r.at()));
                ps.setString(2, cut(r.tenant(), 64));
                ps.setString(3, cut(r.actor(), 128));
                ps.setString(4, cut(r.action(), 64));
                ps.setString(5, cut(r.targetType(), 32));
                ps.setString(6, cut(r.targetId(), 200));
                ps.setString(7, cut(r.agentId(), 64));
                setJson(ps, 8, r.before(), json);
                setJson(ps, 9, r.after(), json);
                ps.setString(10, r.outcome());
                ps.setString(11, cut(r.detail(), 500));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<AuditLogEntry> page(Connection c, AuditQuery q, ObjectMapper json) throws SQLException {
        StringBuilder sql = new StringBuilder("select id, at_us, tenant, actor, action, target_type, target_id, agent_id, "
                + "before_json, after_json, outcome, detail from audit_log where tenant = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.tenant());
        where(sql, args, q.actor() != null, " and actor = ?", q.actor());
        where(sql, args, q.actionPrefix() != null, " and action like ? escape '!'",
                q.actionPrefix() == null ? null : likeEscaped(q.actionPrefix()) + "%");
        where(sql, args, q.targetType() != null, " and target_type = ?", q.targetType());
        where(sql, args, q.targetId() != null, " and target_id = ?", q.targetId());
        where(sql, args, q.agentId() != null, " and agent_id = ?", q.agentId());
        where(sql, args, q.from() != null, " and at_us >= ?", q.from() == null ? null : micros(q.from()));
        where(sql, args, q.to() != null, " and at_us < ?", q.to() == null ? null : micros(q.to()));
        if (q.cursor() != null) {
            sql.append(" and (at_us < ? or (at_us = ? and id < ?))");
            args.add(q.cursor().atUs());
            args.add(q.cursor().atUs());
            args.add(q.cursor().id());
        }
        sql.append(" order by at_us desc, id desc limit ?");
        args.add(q.limit());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AuditLogEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditLogEntry(rs.getLong(1), Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), tree(rs.getString(9), json), tree(rs.getString(10), json),
                            rs.getString(11), rs.getString(12)));
                }
            }
            return out;
        }
    }

    private static void where(StringBuilder sql, List<Object> args, boolean when, String clause, Object value) {
        if (when) {
            sql.append(clause);
            args.add(value);
        }
    }

    /** A prefix taken literally: {@code %} and {@code _} in it match themselves. */
    static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void setJson(PreparedStatement ps, int i, AuditSnapshot s, ObjectMapper json) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.LONGVARCHAR);
            return;
        }
        try {
            ps.setString(i, json.writeValueAsString(s));
        } catch (JsonProcessingException e) {
            throw new SQLException("writing an audit snapshot as JSON failed: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode tree(String s, ObjectMapper json) {
        if (s == null) {
            return null;
        }
        try {
            return json.readTree(s);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(s); // never expected: only snapshots are written
        }
    }

    static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
