package io.switchboard.screenpop;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Open tickets from the {@code tickets} table: any status but closed or resolved. */
public final class TicketTable implements OpenTickets {

    private final DataSource dataSource;
    private final int limit;
    private final int queryTimeoutSeconds;

    public TicketTable(DataSource dataSource, int limit, Duration queryTimeout) {
        this.dataSource = dataSource;
        this.limit = limit;
        this.queryTimeoutSeconds = Jdbc.timeoutSeconds(queryTimeout);
    }

    @Override
    public List<PopCard.Ticket> find(String tenant, String callerNumber, String customerId) {
        boolean byNumber = callerNumber != null && !callerNumber.isBlank();
        boolean byCustomer = customerId != null && !customerId.isBlank();
        if (!byNumber && !byCustomer || limit <= 0) {
            return List.of();
        }
        String who = byNumber && byCustomer ? "(caller_number = ? OR customer_id = ?)"
                : byNumber ? "caller_number = ?" : "customer_id = ?";
        String sql = "SELECT id, subject, status, created_at FROM tickets WHERE tenant = ? AND " + who
                + " AND LOWER(status) NOT IN ('closed', 'resolved') ORDER BY created_at DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            int i = 1;
            ps.setString(i++, tenant);
            if (byNumber) {
                ps.setString(i++, callerNumber);
            }
            if (byCustomer) {
                ps.setString(i++, customerId);
            }
            ps.setInt(i, limit);
            List<PopCard.Ticket> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PopCard.Ticket(rs.getString(1), rs.getString(2), rs.getString(3),
                            Jdbc.instant(rs.getLong(4))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("open tickets lookup failed", e);
        }
    }
}
