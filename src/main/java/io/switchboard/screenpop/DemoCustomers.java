package io.switchboard.screenpop;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.demo.SimulatorConfig;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dev mode only: fills empty {@code customers} and {@code tickets} tables with customers the
 * built-in simulators call from, so that cards show a customer for about half of the synthetic
 * calls (the same seeded stream the demo plays, on both simulators) and for the callers of the
 * replayed captures. Demo data, so not a migration.
 */
@IfBuildProfile("dev")
@Singleton
public class DemoCustomers {

    private static final Logger LOG = Logger.getLogger(DemoCustomers.class);
    /** The demo plays this many calls of its stream in the first minutes; every other caller is a customer. */
    private static final int STREAM_CALLS = 200;
    private static final String DEMO_QUEUE = "support";
    private static final String[] SEGMENTS = {"consumer", "business", "premium"};
    private static final String[] NOTES = {"Prefers e-mail follow-up", "Asked about the new tariff last month",
        "Pays by invoice", null, "Moving house in spring"};

    record Seed(String id, String name, String segment, boolean vip, String accountId, String phone,
                String language, String notes) {
    }

    void seed(@Observes @Priority(20) StartupEvent ev, AgroalDataSource dataSource, SimulatorConfig simulator,
              QueueTenants tenants) {
        String tenant = tenants.tenantOf(DEMO_QUEUE);
        try (Connection c = dataSource.getConnection()) {
            int seeded = seedIfEmpty(c, tenant, simulator.seed());
            if (seeded > 0) {
                LOG.infof("demo: %d customers of tenant %s seeded for the screen-pop", seeded, tenant);
            }
        } catch (SQLException e) {
            LOG.warn("demo customers not seeded", e);
        }
    }

    /** Fills the tables if there are no customers yet; returns how many customers it added. */
    static int seedIfEmpty(Connection c, String tenant, long simulatorSeed) throws SQLException {
        if (!isEmpty(c, "customers")) {
            return 0;
        }
        List<Seed> seeds = seeds(simulatorSeed);
        insertCustomers(c, tenant, seeds);
        if (isEmpty(c, "tickets")) {
            insertTickets(c, tenant, seeds);
        }
        return seeds.size();
    }

    static List<Seed> seeds(long seed) {
        Map<String, Seed> byId = new LinkedHashMap<>();
        String[][] captured = {{"555100", "Caller 0"}, {"555101", "Caller 1"}, {"555102", "Caller 2"},
            {"5550101", "Caller_c01"}, {"5550102", "Caller_c02"}, {"5550103", "Caller_c03"},
            {"5550104", "Caller_c04"}, {"5550105", "Caller_c05"}};
        for (int i = 0; i < captured.length; i++) {
            String id = "C-" + (900 + i);
            byId.put(id, seed(i, id, captured[i][1], captured[i][0], null));
        }
        ScenarioMix mix = new ScenarioMix(seed);
        for (int i = 0; i < STREAM_CALLS; i++) {
            ScenarioSpec spec = mix.next();
            if (i % 2 == 1) {
                continue;
            }
            String id = spec.ivrVars().getOrDefault("CUSTOMER_ID", "C-" + (1000 + i));
            byId.putIfAbsent(id, seed(i, id, spec.callerName(), spec.callerNum(), spec.ivrVars().get("LANGUAGE")));
        }
        return List.copyOf(byId.values());
    }

    private static Seed seed(int i, String id, String name, String phone, String language) {
        String segment = SEGMENTS[i % SEGMENTS.length];
        return new Seed(id, name, segment, "premium".equals(segment) && i % 2 == 0, "A-" + (5000 + i),
                CustomerQuery.normalizeNumber(phone), language != null ? language : "de", NOTES[i % NOTES.length]);
    }

    private static boolean isEmpty(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getLong(1) == 0;
        }
    }

    private static void insertCustomers(Connection c, String tenant, List<Seed> seeds) throws SQLException {
        long now = Jdbc.micros(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (tenant, id, name, segment, vip, "
                + "account_id, phone, language, notes, extra, updated_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Seed s : seeds) {
                ps.setString(1, tenant);
                ps.setString(2, s.id());
                ps.setString(3, s.name());
                ps.setString(4, s.segment());
                ps.setBoolean(5, s.vip());
                ps.setString(6, s.accountId());
                ps.setString(7, s.phone());
                ps.setString(8, s.language());
                ps.setString(9, s.notes());
                ps.setString(10, "{\"contract\":\"" + (s.vip() ? "gold" : "standard") + "\"}");
                ps.setLong(11, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every third customer has a ticket; every other one of those is resolved, which the card leaves out. */
    private static void insertTickets(Connection c, String tenant, List<Seed> seeds) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (id, tenant, caller_number, customer_id, "
                + "call_id, subject, status, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)")) {
            for (int i = 0; i < seeds.size(); i += 3) {
                Seed s = seeds.get(i);
                boolean resolved = i % 2 == 1;
                long created = Jdbc.micros(now.minus(1 + i % 20, ChronoUnit.DAYS));
                ps.setString(1, "T-" + (7000 + i));
                ps.setString(2, tenant);
                ps.setString(3, s.phone());
                ps.setString(4, s.id());
                ps.setString(5, resolved ? "Invoice question" : "Router keeps dropping the line");
                ps.setString(6, resolved ? "resolved" : "open");
                ps.setLong(7, created);
                ps.setLong(8, created);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
