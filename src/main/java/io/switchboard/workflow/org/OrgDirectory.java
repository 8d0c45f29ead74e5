package io.switchboard.workflow.org;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The org directory ({@code org_units}, {@code org_members}): who works a user task. A unit id is
 * also the Camunda candidate group of the tasks offered to the unit. Blocking: called from the
 * engine's threads and REST workers, never from a PBX or lane thread.
 */
@ApplicationScoped
public class OrgDirectory {

    public static final String LEAD = "lead";
    public static final String MEMBER = "member";
    public static final String MANAGER = "manager";
    /** Parent links followed at most this far (a cycle in the table must not hang an engine thread). */
    private static final int MAX_DEPTH = 16;

    @Inject
    AgroalDataSource db;

    public Optional<OrgUnit> unit(String tenant, String id) {
        if (id == null) {
            return Optional.empty();
        }
        List<OrgUnit> found = query("SELECT tenant, id, name, parent_id, manager FROM org_units WHERE tenant = ? AND id = ?",
                rs -> new OrgUnit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                tenant, id);
        return found.stream().findFirst();
    }

    /** The unit {@code levels} steps above {@code id}; the top unit when the tree is shorter. */
    public Optional<OrgUnit> up(String tenant, String id, int levels) {
        Optional<OrgUnit> at = unit(tenant, id);
        for (int i = 0; i < Math.min(levels, MAX_DEPTH) && at.isPresent() && at.get().parentId() != null; i++) {
            Optional<OrgUnit> parent = unit(tenant, at.get().parentId());
            if (parent.isEmpty()) {
                break;
            }
            at = parent;
        }
        return at;
    }

    /**
     * The people of a unit for a role: {@code manager} the unit's manager, {@code lead} its members
     * with the lead role, {@code member} all its members; sorted by username.
     */
    public List<String> people(OrgUnit unit, String role) {
        return switch (role) {
            case MANAGER -> unit.manager() == null ? List.of() : List.of(unit.manager());
            case LEAD -> query("SELECT username FROM org_members WHERE tenant = ? AND unit_id = ? AND role = 'lead' "
                    + "ORDER BY username", rs -> rs.getString(1), unit.tenant(), unit.id());
            case MEMBER -> query("SELECT username FROM org_members WHERE tenant = ? AND unit_id = ? ORDER BY username",
                    rs -> rs.getString(1), unit.tenant(), unit.id());
            default -> throw new IllegalArgumentException("unknown org role '" + role + "' (manager, lead or member)");
        };
    }

    /** Units the user belongs to or manages: the candidate groups of the user's todos. */
    public List<String> unitsOf(String tenant, String username) {
        return query("SELECT unit_id FROM org_members WHERE tenant = ? AND username = ? UNION "
                + "SELECT id FROM org_units WHERE tenant = ? AND manager = ? ORDER BY 1", rs -> rs.getString(1),
                tenant, username, tenant, username);
    }

    /** The first unit (by id) of the desktop user that is the agent, if any. */
    public Optional<String> unitOfAgent(String tenant, String agentId) {
        if (agentId == null) {
            return Optional.empty();
        }
        return query("SELECT m.unit_id FROM org_members m JOIN users u ON u.username = m.username "
                + "WHERE m.tenant = ? AND u.agent_id = ? ORDER BY m.unit_id", rs -> rs.getString(1), tenant, agentId)
                .stream().findFirst();
    }

    public void saveUnit(OrgUnit u) {
        update("DELETE FROM org_units WHERE tenant = ? AND id = ?", u.tenant(), u.id());
        update("INSERT INTO org_units (tenant, id, name, parent_id, manager) VALUES (?, ?, ?, ?, ?)",
                u.tenant(), u.id(), u.name(), u.parentId(), u.manager());
    }

    public void saveMember(String tenant, String unitId, String username, String role) {
        update("DELETE FROM org_members WHERE tenant = ? AND unit_id = ? AND username = ?", tenant, unitId, username);
        update("INSERT INTO org_members (tenant, unit_id, username, role) VALUES (?, ?, ?, ?)",
                tenant, unitId, username, role);
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, String... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("org directory query failed", e);
        }
    }

    private void update(String sql, String... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("org directory update failed", e);
        }
    }
}
