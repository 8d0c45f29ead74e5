package io.switchboard.security;

import io.agroal.api.AgroalDataSource;
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
import java.util.List;
import java.util.Optional;

/** The {@code api_keys} table. Blocking: call from worker threads only. */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS = "id, tenant, name, prefix, roles, created_by, created_at, expires_at, "
            + "last_used_at, revoked_at";

    @Inject
    AgroalDataSource db;

    /** Stores a new key under the hash of its secret; returns it with its id. */
    public ApiKey insert(String tenant, String name, String prefix, String secretHash, String roles, String createdBy,
                         Instant createdAt, Instant expiresAt) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into api_keys (tenant, name, prefix, secret_hash, roles, "
                     + "created_by, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, tenant);
            ps.setString(2, name);
            ps.setString(3, prefix);
            ps.setString(4, secretHash);
            ps.setString(5, roles);
            ps.setString(6, createdBy);
            ps.setLong(7, micros(createdAt));
            setMicros(ps, 8, expiresAt);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return find(keys.getLong(1)).orElseThrow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing API key failed", e);
        }
    }

    public Optional<ApiKey> find(long id) {
        return one("select " + COLUMNS + " from api_keys where id = ?", ps -> ps.setLong(1, id));
    }

    /** The key whose secret hashes to {@code secretHash}, with the stored hash for a constant-time comparison. */
    public Optional<Hashed> findByHash(String secretHash) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + ", secret_hash from api_keys where secret_hash = ?")) {
            ps.setString(1, secretHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Hashed(read(rs), rs.getString(11))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading API key failed", e);
        }
    }

    public record Hashed(ApiKey key, String secretHash) {
    }

    /** A tenant's keys, newest first. */
    public List<ApiKey> list(String tenant) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from api_keys where tenant = ? "
                     + "order by created_at desc, id desc")) {
            ps.setString(1, tenant);
            List<ApiKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("listing API keys failed", e);
        }
    }

    /** Whether the tenant has a key of that name that is not revoked. */
    public boolean nameInUse(String tenant, String name) {
        return one("select " + COLUMNS + " from api_keys where tenant = ? and name = ? and revoked_at is null limit 1",
                ps -> {
                    ps.setString(1, tenant);
                    ps.setString(2, name);
                }).isPresent();
    }

    /** Marks the key revoked (once: a second revocation keeps the first time). */
    public void revoke(long id, Instant at) {
        update("update api_keys set revoked_at = ? where id = ? and revoked_at is null", id, at);
    }

    public void touch(long id, Instant at) {
        update("update api_keys set last_used_at = ? where id = ?", id, at);
    }

    private void update(String sql, long id, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, micros(at));
            ps.setLong(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating API key failed", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Optional<ApiKey> one(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading API key failed", e);
        }
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                UserStore.split(rs.getString(5)), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                instant(rs, 10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.EPOCH.plus(v, ChronoUnit.MICROS);
    }

    private static void setMicros(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, micros(at));
        }
    }

    static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
