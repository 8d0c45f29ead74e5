package io.switchboard.agents;

import io.agroal.api.AgroalDataSource;
import io.switchboard.pbx.AgentEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Agents and their last state in MySQL. Blocking: worker threads only. */
@ApplicationScoped
public class AgentStore {

    @Inject
    AgroalDataSource db;

    /** A stored agent with its last known state. */
    public record Stored(Agent agent, Presence presence, String pauseReason, Instant since) {
    }

    public List<Stored> loadAll() {
        Map<String, Map<String, AgentEndpoint>> endpoints = new HashMap<>();
        Map<String, Stored> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "select agent_id, node, member_interface, dial, device from agent_endpoints");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    endpoints.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                            new AgentEndpoint(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select id, name, tenant, skills, queues, presence, "
                    + "pause_reason, state_since from agents order by id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    Agent a = new Agent(id, rs.getString(2), rs.getString(3), list(rs.getString(4)),
                            list(rs.getString(5)), endpoints.getOrDefault(id, Map.of()));
                    out.put(id, new Stored(a, Presence.valueOf(rs.getString(6)), rs.getString(7),
                            micros(rs.getLong(8))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading agents failed", e);
        }
        return new ArrayList<>(out.values());
    }

    /** More writes that must commit or roll back with an agent's (its audit entry). */
    @FunctionalInterface
    public interface AlsoInTransaction {
        void write(Connection c) throws SQLException;
    }

    /** Creates or replaces an agent's definition and endpoints (its state is kept). */
    public void save(Agent a) {
        save(a, c -> {
        });
    }

    /** As {@link #save(Agent)}, with {@code also} in the same transaction. */
    public void save(Agent a, AlsoInTransaction also) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement up = c.prepareStatement("update agents set name = ?, tenant = ?, skills = ?, "
                        + "queues = ? where id = ?")) {
                    up.setString(1, a.name());
                    up.setString(2, a.tenant());
                    up.setString(3, String.join(",", a.skills()));
                    up.setString(4, String.join(",", a.queues()));
                    up.setString(5, a.id());
                    if (up.executeUpdate() == 0) {
                        try (PreparedStatement ins = c.prepareStatement("insert into agents (id, name, tenant, skills, "
                                + "queues) values (?, ?, ?, ?, ?)")) {
                            ins.setString(1, a.id());
                            ins.setString(2, a.name());
                            ins.setString(3, a.tenant());
                            ins.setString(4, String.join(",", a.skills()));
                            ins.setString(5, String.join(",", a.queues()));
                            ins.executeUpdate();
                        }
                    }
                }
                try (PreparedStatement del = c.prepareStatement("delete from agent_endpoints where agent_id = ?")) {
                    del.setString(1, a.id());
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement("insert into agent_endpoints (agent_id, node, "
                        + "member_interface, dial, device) values (?, ?, ?, ?, ?)")) {
                    for (AgentEndpoint e : a.endpoints().values()) {
                        ins.setString(1, a.id());
                        ins.setString(2, e.node());
                        ins.setString(3, e.memberInterface());
                        ins.setString(4, e.dial());
                        ins.setString(5, e.device());
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
                also.write(c);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("saving agent " + a.id() + " failed: " + e.getMessage(), e);
        }
    }

    public void saveStates(List<AgentStatus> states) {
        if (states.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("update agents set presence = ?, pause_reason = ?, "
                     + "state_since = ? where id = ?")) {
            for (AgentStatus s : states) {
                ps.setString(1, s.presence().name());
                ps.setString(2, s.pauseReason());
                ps.setLong(3, ChronoUnit.MICROS.between(Instant.EPOCH, s.since()));
                ps.setString(4, s.agentId());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("saving agent states failed", e);
        }
    }

    private static Instant micros(long us) {
        return Instant.EPOCH.plus(us, ChronoUnit.MICROS);
    }

    private static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
