package io.switchboard.workflow.alerts;

import io.agroal.api.AgroalDataSource;
import io.switchboard.workflow.SlaBreached;
import io.switchboard.workflow.org.OrgDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link AlertRecipients} from {@code alert_contacts}: the assignee's row; without an assignee (or
 * a row for them), every row of the tenant whose {@code group_names} meets the candidate groups or
 * whose user belongs to one of them as an org unit ({@code org_members}: the processes offer
 * tasks to org units).
 */
@ApplicationScoped
public class ContactTable implements AlertRecipients {

    private static final String COLUMNS = "tenant, username, display_name, email, mobile, phone, node, webhook,"
            + " group_names";

    @Inject
    AgroalDataSource db;
    @Inject
    OrgDirectory org;

    @Override
    public List<AlertContact> of(SlaBreached breach) {
        if (breach.assignee() != null) {
            Optional<AlertContact> own = contact(breach.tenant(), breach.assignee());
            if (own.isPresent()) {
                return List.of(own.get());
            }
        }
        if (breach.candidateGroups().isEmpty()) {
            return List.of();
        }
        Set<String> members = unitMembers(breach.tenant(), breach.candidateGroups());
        return query("select " + COLUMNS + " from alert_contacts where tenant = ? order by username",
                breach.tenant()).stream()
                .filter(c -> members.contains(c.username())
                        || c.groups().stream().anyMatch(breach.candidateGroups()::contains)).toList();
    }

    @Override
    public Optional<AlertContact> contact(String tenant, String username) {
        return query("select " + COLUMNS + " from alert_contacts where tenant = ? and username = ?", tenant, username)
                .stream().findFirst();
    }

    private Set<String> unitMembers(String tenant, Set<String> units) {
        Set<String> out = new HashSet<>();
        for (String unit : units) {
            org.unit(tenant, unit).ifPresent(u -> out.addAll(org.people(u, OrgDirectory.MEMBER)));
        }
        return out;
    }

    private List<AlertContact> query(String sql, String... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<AlertContact> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertContact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            groups(rs.getString(9))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading alert contacts failed: " + e.getMessage(), e);
        }
    }

    static Set<String> groups(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
