package io.switchboard.dialplans;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit of dialplan changes in {@code dialplan_deployments}: saves, roll-backs and one row per
 * node deployed to, each under the tenant whose dialplan it is.
 */
@ApplicationScoped
public class DialplanHistory {

    public static final String SAVE = "save";
    public static final String ROLLBACK = "rollback";
    public static final String DEPLOY = "deploy";

    @Inject
    AgroalDataSource db;

    /**
     * One audited step. {@code fromVersion}: the version before (saves) or the one deployed before on
     * that node (deployments); {@code node} only for deployments.
     */
    public record Entry(Instant at, String type, String name, String action, Integer fromVersion, int version, String node,
                        String outcome, String message, String by) {
    }

    public void record(String tenant, Entry e) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into dialplan_deployments (pbx_type, name, action,"
                     + " from_version, version, node, outcome, message, at_us, by_user, tenant)"
                     + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.type());
            ps.setString(2, e.name());
            ps.setString(3, e.action());
            if (e.fromVersion() == null) {
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setInt(4, e.fromVersion());
            }
            ps.setInt(5, e.version());
            ps.setString(6, e.node());
            ps.setString(7, e.outcome());
            ps.setString(8, e.message() == null || e.message().length() <= 500 ? e.message()
                    : e.message().substring(0, 500));
            ps.setLong(9, ChronoUnit.MICROS.between(Instant.EPOCH, e.at()));
            ps.setString(10, e.by());
            ps.setString(11, tenant);
            ps.executeUpdate();
        } catch (SQLException x) {
            throw new IllegalStateException("recording the dialplan history failed: " + x.getMessage(), x);
        }
    }

    /** Newest first. */
    public List<Entry> of(String tenant, DialplanType type, String name, int limit) {
        List<Entry> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select at_us, pbx_type, name, action, from_version, version, node,"
                     + " outcome, message, by_user from dialplan_deployments where tenant = ? and pbx_type = ?"
                     + " and name = ? order by id desc limit ?")) {
            ps.setString(1, tenant);
            ps.setString(2, type.id());
            ps.setString(3, name);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int from = rs.getInt(5);
                    Integer fromVersion = rs.wasNull() ? null : from;
                    out.add(new Entry(DialplanStore.micros(rs.getLong(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), fromVersion, rs.getInt(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
        } catch (SQLException x) {
            throw new IllegalStateException("reading the dialplan history failed: " + x.getMessage(), x);
        }
        return out;
    }

    /** The key of a dialplan in {@link #deployed()}: {@code <type>/<name>}. */
    public static String key(DialplanType type, String name) {
        return type.id() + "/" + name;
    }

    /** The version last deployed successfully to each node, per dialplan of the tenant ({@link #key}). */
    public Map<String, Map<String, Integer>> deployed(String tenant) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select pbx_type, name, node, version from dialplan_deployments"
                     + " where tenant = ? and action = ? and outcome = ? order by id")) {
            ps.setString(1, tenant);
            ps.setString(2, DEPLOY);
            ps.setString(3, DialplanDeployer.Outcome.DEPLOYED.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) { // later rows replace earlier ones: the last deployment wins
                    out.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), n -> new LinkedHashMap<>())
                            .put(rs.getString(3), rs.getInt(4));
                }
            }
        } catch (SQLException x) {
            throw new IllegalStateException("reading dialplan deployments failed: " + x.getMessage(), x);
        }
        return out;
    }
}
