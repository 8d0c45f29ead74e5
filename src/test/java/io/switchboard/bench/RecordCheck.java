package io.switchboard.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The soak's ground truth against the database: every call the simulator ended must have its
 * record ({@code <node>:<linkedid>}; the primary key keeps one per id). Rows of the node since the
 * run started that match no ended call are duplicates: a call recorded twice under two ids.
 */
record RecordCheck(int found, int lost, int unknown) {

    static RecordCheck await(String node, Set<String> endedLinkedIds, long sinceMicros, Duration timeout)
            throws Exception {
        Set<String> expected = new HashSet<>();
        endedLinkedIds.forEach(id -> expected.add(node + ":" + id));
        long deadline = System.nanoTime() + timeout.toNanos();
        RecordCheck r;
        do {
            r = check(node, expected, sinceMicros);
            if (r.lost() == 0) {
                return r;
            }
            TimeUnit.SECONDS.sleep(2); // records are batched; the last batch may still be on its way
        } while (System.nanoTime() < deadline);
        return r;
    }

    private static RecordCheck check(String node, Set<String> expected, long sinceMicros) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", System.getProperty("bench.db.user", "root"));
        p.setProperty("password", System.getProperty("bench.db.password", ""));
        String url = System.getProperty("bench.db.url",
                "jdbc:mysql://127.0.0.1:3306/switchboard_bench?nullDatabaseMeansCurrent=true");
        List<String> ids = new ArrayList<>();
        try (Connection c = new com.mysql.cj.jdbc.Driver().connect(url, p);
             PreparedStatement ps = c.prepareStatement("select id from call_records where node = ? and started_us >= ?")) {
            ps.setString(1, node);
            ps.setLong(2, sinceMicros - 60_000_000L); // the simulator's clock is this machine's; a minute of slack
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        Set<String> rows = new HashSet<>(ids);
        int found = (int) expected.stream().filter(rows::contains).count();
        return new RecordCheck(found, expected.size() - found, (int) rows.stream().filter(id -> !expected.contains(id)).count());
    }
}
