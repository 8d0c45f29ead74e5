package io.switchboard.screenpop;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The built-in directory: the {@code customers} table, by customer id, then account id, then
 * phone number, within the caller's tenant. JDBC runs on virtual threads of its own, so the
 * answer never ties up a caller's thread.
 */
public final class TableCustomerDirectory implements CustomerDirectory {

    private static final TypeReference<Map<String, String>> EXTRA = new TypeReference<>() {
    };
    private static final String SELECT = "SELECT id, name, segment, vip, account_id, language, notes, extra "
            + "FROM customers WHERE tenant = ? AND ";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final int queryTimeoutSeconds;
    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("screenpop-customers-", 0).factory());

    public TableCustomerDirectory(DataSource dataSource, ObjectMapper mapper, Duration queryTimeout) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.queryTimeoutSeconds = Jdbc.timeoutSeconds(queryTimeout);
    }

    @Override
    public CompletionStage<Optional<Customer>> find(CustomerQuery query) {
        return CompletableFuture.supplyAsync(() -> lookup(query), executor);
    }

    private Optional<Customer> lookup(CustomerQuery q) {
        try (Connection c = dataSource.getConnection()) {
            Optional<Customer> found = Optional.empty();
            if (q.customerId() != null) {
                found = one(c, "id = ?", q.tenant(), q.customerId());
            }
            if (found.isEmpty() && q.accountId() != null) {
                found = one(c, "account_id = ? ORDER BY id", q.tenant(), q.accountId());
            }
            String phone = CustomerQuery.normalizeNumber(q.callerNumber());
            if (found.isEmpty() && phone != null) {
                found = one(c, "phone = ? ORDER BY id", q.tenant(), phone);
            }
            return found;
        } catch (SQLException e) {
            throw new DirectoryException("customer table lookup failed", e);
        }
    }

    private Optional<Customer> one(Connection c, String where, String tenant, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + where + " LIMIT 1")) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setString(1, tenant);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Customer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), extra(rs.getString(8))));
            }
        }
    }

    private Map<String, String> extra(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, EXTRA);
        } catch (IOException e) {
            // one customer's bad extra must not hide the customer
            return Map.of();
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
