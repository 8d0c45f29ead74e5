package io.switchboard.cti;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.persistence.BatchWriter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The CTI audit trail in {@code cti_audit}. Actions hand entries over without waiting; a
 * writer thread inserts them in batches, so a slow database never slows call control.
 */
@ApplicationScoped
public class CtiAudit {

    @Inject
    AgroalDataSource db;
    @Inject
    CtiConfig config;
    @Inject
    MeterRegistry registry;

    private BatchWriter<AuditEntry> writer;

    @PostConstruct
    void init() {
        // built once config is injected; record() before startup queues instead of failing
        writer = new BatchWriter<>("cti-audit", config.auditBuffer(), 500, db, CtiAudit::insert);
    }

    void start(@Observes StartupEvent ev) {
        registry.more().counter("switchboard.cti.audit.dropped", List.of(), writer, BatchWriter::dropped);
        writer.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        writer.stop();
    }

    public void record(AuditEntry entry) {
        writer.offer(entry); // a full buffer is counted by the writer, never waited on
    }

    public long written() {
        return writer.written();
    }

    private static void insert(Connection c, List<AuditEntry> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into cti_audit (at_us, username, agent_id, action, "
                + "call_id, node, target, outcome, message, latency_us, tenant) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry e : batch) {
                ps.setLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, e.at()));
                ps.setString(2, e.username());
                ps.setString(3, e.agentId());
                ps.setString(4, e.action());
                ps.setString(5, e.callId());
                ps.setString(6, e.node());
                ps.setString(7, cut(e.target(), 200));
                ps.setString(8, e.outcome());
                ps.setString(9, cut(e.message(), 500));
                ps.setLong(10, Math.round(e.latencyMs() * 1000));
                ps.setString(11, e.tenant());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** {@code tenant}'s entries, newest first; {@code agentId} null for every agent. Blocking. */
    public List<AuditEntry> recent(String tenant, String agentId, Instant since, int limit) {
        String sql = "select at_us, username, agent_id, action, call_id, node, target, outcome, message, latency_us, "
                + "tenant from cti_audit where tenant = ? and at_us >= ?" + (agentId == null ? "" : " and agent_id = ?")
                + " order by at_us desc, id desc limit ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenant);
            ps.setLong(i++, ChronoUnit.MICROS.between(Instant.EPOCH, since));
            if (agentId != null) {
                ps.setString(i++, agentId);
            }
            ps.setInt(i, limit);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(Instant.EPOCH.plus(rs.getLong(1), ChronoUnit.MICROS), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getLong(10) / 1000.0, rs.getString(11)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit failed", e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
