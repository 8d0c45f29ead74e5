package io.switchboard.screenpop;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Recent calls from {@code call_records} by caller number within a window. Records carry no
 * tenant, so the tenant's calls are those of its queues ({@link QueueTenants}).
 */
public final class CallHistoryTable implements RecentCalls {

    private final DataSource dataSource;
    private final QueueTenants tenants;
    private final int limit;
    private final Duration window;
    private final int queryTimeoutSeconds;
    private final Clock clock;

    public CallHistoryTable(DataSource dataSource, QueueTenants tenants, int limit, Duration window,
                            Duration queryTimeout, Clock clock) {
        this.dataSource = dataSource;
        this.tenants = tenants;
        this.limit = limit;
        this.window = window;
        this.queryTimeoutSeconds = Jdbc.timeoutSeconds(queryTimeout);
        this.clock = clock;
    }

    @Override
    public List<PopCard.RecentCall> forCaller(String tenant, String callerNumber, String currentCallId) {
        if (callerNumber == null || callerNumber.isBlank() || limit <= 0) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT id, started_us, queue_name, agent_name, disposition, talk_ms "
                + "FROM call_records WHERE caller_number = ? AND started_us >= ? AND id <> ?");
        List<String> queues;
        if (tenants.isDefault(tenant)) {
            queues = List.copyOf(tenants.queuesNotOf(tenant));
            if (!queues.isEmpty()) {
                sql.append(" AND (queue_name IS NULL OR queue_name NOT IN (").append(marks(queues.size())).append("))");
            }
        } else {
            queues = List.copyOf(tenants.queuesOf(tenant));
            if (queues.isEmpty()) {
                return List.of();
            }
            sql.append(" AND queue_name IN (").append(marks(queues.size())).append(')');
        }
        sql.append(" ORDER BY started_us DESC, id DESC LIMIT ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            int i = 1;
            ps.setString(i++, callerNumber);
            ps.setLong(i++, Jdbc.micros(clock.instant().minus(window)));
            ps.setString(i++, currentCallId == null ? "" : currentCallId);
            for (String q : queues) {
                ps.setString(i++, q);
            }
            ps.setInt(i, limit);
            List<PopCard.RecentCall> out = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PopCard.RecentCall(rs.getString(1), Jdbc.instant(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6) / 1000.0));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("recent calls lookup failed", e);
        }
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
