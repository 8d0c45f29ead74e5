package io.switchboard.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Routing policies in {@code routing_policies}: every save is a new version, the newest is in
 * force, older ones stay for history and roll-back. Before the first save the shipped default
 * ({@code switchboard.routing.default-policy}) is version 0.
 */
@ApplicationScoped
public class PolicyStore {

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectMapper json;
    @Inject
    RoutingConfig config;

    /** A stored version. */
    public record Version(int version, RoutingPolicy policy, String savedBy, Instant savedAt, String comment) {
    }

    /** A version without its body, for the history list. */
    public record Summary(int version, String savedBy, Instant savedAt, String comment) {
    }

    public Version latest() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select version, policy, saved_by, saved_at, comment "
                     + "from routing_policies order by version desc limit 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the routing policy failed: " + e.getMessage(), e);
        }
        return new Version(0, defaults(), "system", Instant.EPOCH, "shipped default");
    }

    public Optional<Version> version(int version) {
        if (version == 0) {
            return Optional.of(new Version(0, defaults(), "system", Instant.EPOCH, "shipped default"));
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select version, policy, saved_by, saved_at, comment "
                     + "from routing_policies where version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading routing policy " + version + " failed: " + e.getMessage(), e);
        }
    }

    public List<Summary> history(int limit) {
        List<Summary> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select version, saved_by, saved_at, comment "
                     + "from routing_policies order by version desc limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Summary(rs.getInt(1), rs.getString(2), micros(rs.getLong(3)), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading routing policy history failed: " + e.getMessage(), e);
        }
        if (out.size() < limit) {
            out.add(new Summary(0, "system", Instant.EPOCH, "shipped default")); // always there to roll back to
        }
        return out;
    }

    /**
     * Saves {@code policy} as the version after {@code expectedVersion}; empty when another save
     * came first (the caller reports a conflict instead of overwriting it).
     */
    public Optional<Version> save(RoutingPolicy policy, int expectedVersion, String by, String comment) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int next = expectedVersion + 1;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into routing_policies (version, policy, saved_by, "
                     + "saved_at, comment) values (?, ?, ?, ?, ?)")) {
            ps.setInt(1, next);
            ps.setString(2, json.writeValueAsString(policy));
            ps.setString(3, by);
            ps.setLong(4, ChronoUnit.MICROS.between(Instant.EPOCH, now));
            ps.setString(5, comment == null || comment.length() <= 255 ? comment : comment.substring(0, 255));
            ps.executeUpdate();
            return Optional.of(new Version(next, policy, by, now, comment));
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return Optional.empty(); // primary key taken: someone saved that version first
            }
            throw new IllegalStateException("saving the routing policy failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("writing the routing policy as JSON failed", e);
        }
    }

    /** The shipped default policy. */
    public RoutingPolicy defaults() {
        String where = config.defaultPolicy();
        try {
            Path file = Path.of(where);
            if (Files.isRegularFile(file)) {
                return json.readValue(file.toFile(), RoutingPolicy.class);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(where)) {
                if (in == null) {
                    throw new IllegalStateException("routing policy " + where + " is neither a file nor a resource");
                }
                return json.readValue(in, RoutingPolicy.class);
            }
        } catch (IOException e) {
            throw new IllegalStateException("routing policy " + where + " is not valid: " + e.getMessage(), e);
        }
    }

    private Version read(ResultSet rs) throws SQLException {
        try {
            return new Version(rs.getInt(1), json.readValue(rs.getString(2), RoutingPolicy.class), rs.getString(3),
                    micros(rs.getLong(4)), rs.getString(5));
        } catch (IOException e) {
            throw new IllegalStateException("stored routing policy " + rs.getInt(1) + " is not valid JSON", e);
        }
    }

    private static Instant micros(long us) {
        return Instant.EPOCH.plus(us, ChronoUnit.MICROS);
    }
}
