package io.switchboard.cti;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.audit.AuditLogEntry;
import io.switchboard.audit.AuditQuery;
import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditSnapshot;
import io.switchboard.audit.AuditTrail;
import io.switchboard.persistence.BatchWriter;
import io.switchboard.security.Tenancy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * CTI actions in the audit trail ({@code audit_log}, actions {@code cti.<action>}, target the
 * call). Actions hand entries over without waiting; a writer thread inserts them in batches
 * through {@link AuditTrail#insert}, so a slow database never slows call control.
 */
@ApplicationScoped
public class CtiAudit {

    static final String PREFIX = "cti.";

    @Inject
    AgroalDataSource db;
    @Inject
    CtiConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    AuditTrail trail;
    @Inject
    Tenancy tenancy;

    private BatchWriter<AuditRecord> writer;

    @PostConstruct
    void init() {
        // built once config is injected; record() before startup queues instead of failing
        writer = new BatchWriter<>("cti-audit", config.auditBuffer(), 500, db, (c, batch) -> trail.insert(c, batch));
    }

    void start(@Observes StartupEvent ev) {
        registry.more().counter("switchboard.cti.audit.dropped", List.of(), writer, BatchWriter::dropped);
        writer.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        writer.stop();
    }

    /** Queues the entry under its tenant (the default tenant for the service's own actions). */
    public void record(AuditEntry e) {
        String tenant = e.tenant() == null ? tenancy.defaultTenant() : e.tenant();
        writer.offer(new AuditRecord(e.at().truncatedTo(ChronoUnit.MICROS), tenant, e.username(), PREFIX + e.action(),
                "call", e.callId(), e.agentId(), null,
                new AuditSnapshot.CtiAction(e.node(), e.target(), e.outcome(), e.latencyMs()),
                AuditTrail.outcomeOfCti(e.outcome()), e.message())); // a full buffer is counted, never waited on
    }

    public long written() {
        return writer.written();
    }

    /** The tenant's CTI actions since {@code since}, newest first; {@code agentId} null for every agent. Blocking. */
    public List<AuditEntry> recent(String tenant, String agentId, Instant since, int limit) {
        return trail.page(new AuditQuery(tenant, null, PREFIX, null, null, agentId, since, null, null, limit)).stream()
                .map(CtiAudit::entry).toList();
    }

    private static AuditEntry entry(AuditLogEntry e) {
        JsonNode after = e.after() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : e.after();
        // rows moved from cti_audit have no snapshot: their outcome column is the closest there is
        String outcome = after.hasNonNull("outcome") ? after.get("outcome").asText() : e.outcome();
        return new AuditEntry(e.at(), e.actor(), e.agentId(), e.action().substring(PREFIX.length()), e.targetId(),
                text(after, "node"), text(after, "target"), outcome, e.detail(), after.path("latencyMs").asDouble(0),
                e.tenant());
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
