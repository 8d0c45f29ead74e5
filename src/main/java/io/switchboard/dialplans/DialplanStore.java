package io.switchboard.dialplans;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dialplans in {@code dialplans}: every save is a new version of its (tenant, type, name); history is
 * never rewritten. The same name may exist for both PBX types (inbound.conf and inbound.xml) and in
 * several tenants: every read names the tenant, so one tenant's dialplans never reach another.
 */
@ApplicationScoped
public class DialplanStore {

    private static final String COLUMNS = "tenant, name, version, pbx_type, content, saved_by, saved_at, comment";

    @Inject
    AgroalDataSource db;

    /** A stored version. */
    public record Version(String tenant, String name, int version, DialplanType type, String content, String savedBy,
                          Instant savedAt, String comment) {
    }

    /** A version without its content, for lists. */
    public record Summary(String name, int version, DialplanType type, String savedBy, Instant savedAt,
                          String comment) {
    }

    public Optional<Version> latest(String tenant, DialplanType type, String name) {
        return one("select " + COLUMNS + " from dialplans where tenant = ? and pbx_type = ? and name = ?"
                + " order by version desc limit 1", tenant, type, name, null);
    }

    public Optional<Version> version(String tenant, DialplanType type, String name, int version) {
        return one("select " + COLUMNS + " from dialplans where tenant = ? and pbx_type = ? and name = ? and version = ?",
                tenant, type, name, version);
    }

    /** The types that have a dialplan of this name in the tenant. */
    public List<DialplanType> typesOf(String tenant, String name) {
        List<DialplanType> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select distinct pbx_type from dialplans where tenant = ?"
                     + " and name = ? order by pbx_type")) {
            ps.setString(1, tenant);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(type(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading dialplan " + name + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** The newest version of every dialplan of the tenant (optionally of one type), by name. */
    public List<Version> latestAll(String tenant, DialplanType type) {
        String sql = "select d.tenant, d.name, d.version, d.pbx_type, d.content, d.saved_by, d.saved_at, d.comment"
                + " from dialplans d join (select tenant, pbx_type, name, max(version) v from dialplans where tenant = ?"
                + " group by tenant, pbx_type, name) m"
                + " on d.tenant = m.tenant and d.pbx_type = m.pbx_type and d.name = m.name and d.version = m.v"
                + (type == null ? "" : " where d.pbx_type = ?") + " order by d.name, d.pbx_type";
        List<Version> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            if (type != null) {
                ps.setString(2, type.id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading dialplans failed: " + e.getMessage(), e);
        }
        return out;
    }

    public List<Summary> versions(String tenant, DialplanType type, String name) {
        List<Summary> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select name, version, pbx_type, saved_by, saved_at, comment"
                     + " from dialplans where tenant = ? and pbx_type = ? and name = ? order by version desc")) {
            ps.setString(1, tenant);
            ps.setString(2, type.id());
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Summary(rs.getString(1), rs.getInt(2), type(rs.getString(3)), rs.getString(4),
                            micros(rs.getLong(5)), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading versions of " + name + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    public boolean empty() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from dialplans");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getLong(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException("reading dialplans failed: " + e.getMessage(), e);
        }
    }

    /**
     * Saves {@code content} as the version after {@code expectedVersion} (0: a new dialplan);
     * empty when another save took that version first.
     */
    public Optional<Version> save(String tenant, String name, DialplanType type, String content, int expectedVersion,
                                  String by, String comment) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int next = expectedVersion + 1;
        String note = comment == null || comment.length() <= 255 ? comment : comment.substring(0, 255);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into dialplans (" + COLUMNS
                     + ") values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, name);
            ps.setInt(3, next);
            ps.setString(4, type.id());
            ps.setString(5, content);
            ps.setString(6, by);
            ps.setLong(7, ChronoUnit.MICROS.between(Instant.EPOCH, now));
            ps.setString(8, note);
            ps.executeUpdate();
            return Optional.of(new Version(tenant, name, next, type, content, by, now, note));
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return Optional.empty(); // primary key taken: someone saved that version first
            }
            throw new IllegalStateException("saving dialplan " + name + " failed: " + e.getMessage(), e);
        }
    }

    private Optional<Version> one(String sql, String tenant, DialplanType type, String name, Integer version) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setString(2, type.id());
            ps.setString(3, name);
            if (version != null) {
                ps.setInt(4, version);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading dialplan " + name + " failed: " + e.getMessage(), e);
        }
    }

    private static Version read(ResultSet rs) throws SQLException {
        return new Version(rs.getString(1), rs.getString(2), rs.getInt(3), type(rs.getString(4)), rs.getString(5),
                rs.getString(6), micros(rs.getLong(7)), rs.getString(8));
    }

    private static DialplanType type(String id) {
        return DialplanType.of(id).orElseThrow(() -> new IllegalStateException("unknown dialplan type " + id));
    }

    static Instant micros(long us) {
        return Instant.EPOCH.plus(us, ChronoUnit.MICROS);
    }
}
