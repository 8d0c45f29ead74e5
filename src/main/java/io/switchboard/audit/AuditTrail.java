package io.switchboard.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.switchboard.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The one audit trail ({@code audit_log}): who changed or did what, to which target, when, with
 * what before and after, and how it ended. Admin changes are rare and must not be lost, so
 * {@link #record} writes at once, on the caller's thread (blocking: worker threads only); a
 * connection taken inside a transaction joins it. CTI actions come in batches from
 * {@code cti.CtiAudit}'s writer thread through {@link #insert}, the same insert.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String OK = "ok";
    /** Not allowed, invalid or in conflict: nothing changed. */
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectMapper json;

    public void record(Actor actor, String action, String targetType, String targetId, AuditSnapshot before,
                       AuditSnapshot after) {
        record(actor, action, targetType, targetId, before, after, OK, null);
    }

    /** @throws IllegalStateException when the entry could not be written */
    public void record(Actor actor, String action, String targetType, String targetId, AuditSnapshot before,
                       AuditSnapshot after, String outcome, String detail) {
        try (Connection c = db.getConnection()) {
            entry(actor, action, targetType, targetId, before, after, outcome, detail).into(c);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the audit trail failed: " + e.getMessage(), e);
        }
    }

    /** An entry to write on a connection of the caller's, inside the transaction of the change it records. */
    public Insert entry(Actor actor, String action, String targetType, String targetId, AuditSnapshot before,
                        AuditSnapshot after, String outcome, String detail) {
        AuditRecord r = new AuditRecord(Instant.now().truncatedTo(ChronoUnit.MICROS), actor.tenant(), actor.username(),
                action, targetType, targetId, null, before, after, outcome, detail);
        return c -> insert(c, List.of(r));
    }

    /** One entry's insert, run on the connection given. */
    @FunctionalInterface
    public interface Insert {
        void into(Connection c) throws SQLException;
    }

    /** Writes {@code batch} on {@code c} in one statement batch. */
    public void insert(Connection c, List<AuditRecord> batch) throws SQLException {
        AuditRows.insert(c, batch, json);
    }

    /** A page, newest first. Blocking. */
    public List<AuditLogEntry> page(AuditQuery query) {
        try (Connection c = db.getConnection()) {
            return AuditRows.page(c, query, json);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit trail failed", e);
        }
    }

    /** The outcome a CTI action's precise outcome counts as in the trail. */
    public static String outcomeOfCti(String ctiOutcome) {
        return switch (ctiOutcome) {
            case "ok" -> OK;
            case "invalid", "forbidden", "not-found", "conflict" -> REFUSED;
            default -> FAILED;
        };
    }
}
