package io.switchboard.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Users in the {@code users} table. Blocking: call from worker threads only. */
@ApplicationScoped
public class UserStore {

    @Inject
    AgroalDataSource db;

    public Optional<UserAccount> find(String username) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select username, password_hash, roles, agent_id, queues, tenant, "
                     + "enabled from users where username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new UserAccount(rs.getString(1), rs.getString(2), split(rs.getString(3)),
                        rs.getString(4), split(rs.getString(5)), rs.getString(6), rs.getBoolean(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading user failed", e);
        }
    }

    /** Creates or replaces a user; {@code password} is hashed here and never stored in clear. */
    public void save(String username, String password, Set<String> roles, String agentId, Set<String> queues,
                     String tenant) {
        String hash = PasswordHash.hash(password);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement del = c.prepareStatement("delete from users where username = ?")) {
                del.setString(1, username);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into users (username, password_hash, roles, agent_id, "
                    + "queues, tenant, enabled) values (?, ?, ?, ?, ?, ?, true)")) {
                ps.setString(1, username);
                ps.setString(2, hash);
                ps.setString(3, String.join(",", roles));
                ps.setString(4, agentId);
                ps.setString(5, queues == null ? "" : String.join(",", queues));
                ps.setString(6, tenant == null ? "default" : tenant);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("saving user failed", e);
        }
    }

    public boolean isEmpty() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from users");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException("counting users failed", e);
        }
    }

    static Set<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
