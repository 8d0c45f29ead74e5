package io.switchboard.screenpop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev-mode database: the migrations and the screen-pop's queries on H2 in MySQL mode, and the
 * demo customers matching the callers the demo plays.
 */
class ScreenPopH2Test {

    private static final long DEMO_SEED = 42;
    private static JdbcDataSource db;
    private static Connection keepAlive;

    @BeforeAll
    static void migrate() throws Exception {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:pop-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH");
        db.setUser("sa");
        keepAlive = db.getConnection(); // an in-memory database lives as long as a connection to it
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void close() throws Exception {
        keepAlive.close();
    }

    @Test
    void demoCustomersAreTheCallersOfTheDemoStreamAndAreSeededOnce() throws Exception {
        try (Connection c = db.getConnection()) {
            int seeded = DemoCustomers.seedIfEmpty(c, "demo", DEMO_SEED);
            assertThat(seeded).isGreaterThan(100);
            assertThat(DemoCustomers.seedIfEmpty(c, "demo", DEMO_SEED)).isZero();
        }
        try (TableCustomerDirectory directory = new TableCustomerDirectory(db, new ObjectMapper(),
                Duration.ofSeconds(2))) {
            ScenarioMix mix = new ScenarioMix(DEMO_SEED);
            ScenarioSpec first = mix.next();
            ScenarioSpec second = mix.next();
            assertThat(find(directory, first)).map(Customer::name).contains(first.callerName());
            assertThat(find(directory, first).orElseThrow().extra()).containsKey("contract");
            if (!second.ivrVars().containsKey("CUSTOMER_ID")) {
                assertThat(find(directory, second)).isEmpty(); // every other caller is nobody known
            }
            Optional<Customer> captured = directory.find(new CustomerQuery("demo", "5550101", null, null))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(captured).map(Customer::name).contains("Caller_c01");
        }
        TicketTable tickets = new TicketTable(db, 10, Duration.ofSeconds(2));
        assertThat(tickets.find("demo", "555100", null)).extracting(PopCard.Ticket::status).containsExactly("open");
        assertThat(tickets.find("demo", "5550101", null)).isEmpty(); // resolved
        assertThat(new CallHistoryTable(db, new QueueTenants("default", Map.of("support", "demo")), 5,
                Duration.ofDays(90), Duration.ofSeconds(2), Clock.systemUTC()).forCaller("demo", "555100", "x"))
                .isEmpty();
        assertThat(new CallHistoryTable(db, new QueueTenants("default", Map.of("support", "demo")), 5,
                Duration.ofDays(90), Duration.ofSeconds(2), Clock.systemUTC()).forCaller("default", "555100", "x"))
                .isEmpty();
    }

    private static Optional<Customer> find(TableCustomerDirectory d, ScenarioSpec spec) throws Exception {
        return d.find(new CustomerQuery("demo", spec.callerNum(), spec.ivrVars().get("CUSTOMER_ID"), null))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
