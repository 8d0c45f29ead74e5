package io.switchboard.screenpop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.calls.CallEventListener;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.Direction;
import io.switchboard.calls.Disposition;
import io.switchboard.persistence.CallRecordWriter;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in table readers against the database: customers, open tickets, recent calls. */
@QuarkusTest
class ScreenPopTablesTest {

    @Inject
    CustomerDirectory directory;
    @Inject
    OpenTickets openTickets;
    @Inject
    RecentCalls recentCalls;
    @Inject
    ScreenPopConfig config;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    CallRecordWriter writer;
    @Inject
    Instance<CallEventListener> listeners;
    @Inject
    ObjectMapper mapper;

    /** Every test works in a tenant, and with numbers, of its own. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String tenant = "t-" + run;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private String number(int n) {
        return "+49" + Math.abs(run.hashCode() % 100_000) + "0" + n;
    }

    private void customer(String tenant, String id, String name, String accountId, String phone) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO customers (tenant, id, name, segment, vip, account_id, phone, language, notes, extra, "
                        + "updated_us) VALUES (?, ?, ?, 'business', TRUE, ?, ?, 'en', 'Key account', ?, 0)")) {
            ps.setString(1, tenant);
            ps.setString(2, id);
            ps.setString(3, name);
            ps.setString(4, accountId);
            ps.setString(5, phone);
            ps.setString(6, "{\"owner\":\"Jo\"}");
            ps.executeUpdate();
        }
    }

    private void ticket(String tenant, String id, String number, String customerId, String status, Instant created)
            throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tickets (id, tenant, caller_number, customer_id, call_id, subject, status, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, tenant);
            ps.setString(3, number);
            ps.setString(4, customerId);
            ps.setString(5, "Subject " + id);
            ps.setString(6, status);
            ps.setLong(7, Jdbc.micros(created));
            ps.setLong(8, Jdbc.micros(created));
            ps.executeUpdate();
        }
    }

    private Optional<Customer> find(CustomerQuery q) throws Exception {
        return directory.find(q).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theTableDirectoryIsTheDefaultAndTheServiceListensToTheLanes() {
        assertThat(directory).isInstanceOf(TableCustomerDirectory.class);
        assertThat(config.recentCalls().window()).isEqualTo(Duration.ofDays(90));
        assertThat(config.http().timeout()).isEqualTo(Duration.ofMillis(800));
        assertThat(listeners.stream().anyMatch(l -> l instanceof ScreenPopService)).isTrue();
    }

    /** Inside the application the guard is the CDI-backed fault tolerance, not the standalone one of plain tests. */
    @Test
    void theHttpDirectoryWorksInsideTheApplication() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/customers", x -> {
            byte[] body = "{\"id\":\"C-9\",\"name\":\"Ida Koch\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(x.getRequestURI().getQuery().contains("C-9") ? 200 : 404, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/customers");
        try (HttpCustomerDirectory http = new HttpCustomerDirectory(new HttpCustomerDirectory.Settings(url,
                Duration.ofSeconds(2), Optional.empty(), 4, 0.5, Duration.ofSeconds(5), 1), mapper)) {
            assertThat(http.find(new CustomerQuery(tenant, "0301", "C-9", null)).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS)).map(Customer::name).contains("Ida Koch");
            assertThat(http.find(new CustomerQuery(tenant, "0301", "C-0", null)).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS)).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCardIsPlainJsonWithIsoTimes() throws Exception {
        Instant at = Instant.parse("2026-02-01T09:00:14Z");
        PopCard card = new PopCard("n1:1.1", "n1", 3, PopCard.Status.RINGING, "agent-7", "0301", "Anna", "support",
                at.minusSeconds(12), at, null, 12.0, null, PopCard.Ivr.of(Map.of("INTENT", "billing")),
                new Customer("C-1", "Anna", "premium", true, "A-1", "de", null, Map.of("contract", "gold")),
                PopCard.CustomerStatus.FOUND, List.of(new PopCard.RecentCall("n1:0.9", at.minusSeconds(86_400),
                "support", "Ben", "ANSWERED", 61.5)), List.of(), true);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(card));
        assertThat(json.get("offeredAt").asText()).isEqualTo("2026-02-01T09:00:14Z");
        assertThat(json.get("status").asText()).isEqualTo("RINGING");
        assertThat(json.get("seq").asLong()).isEqualTo(3);
        assertThat(json.at("/ivr/intent").asText()).isEqualTo("billing");
        assertThat(json.at("/ivr/variables/INTENT").asText()).isEqualTo("billing");
        assertThat(json.at("/customer/extra/contract").asText()).isEqualTo("gold");
        assertThat(json.at("/recentCalls/0/talkSeconds").asDouble()).isEqualTo(61.5);
        assertThat(json.get("answeredAt").isNull()).isTrue();
    }

    @Test
    void customersAreFoundByIdThenAccountThenNumberWithinTheirTenant() throws Exception {
        customer(tenant, "C-1", "Anna Schmidt", "A-1", CustomerQuery.normalizeNumber(number(1)));
        customer(tenant, "C-2", "Ben Meyer", "A-2", CustomerQuery.normalizeNumber(number(2)));
        customer("other-" + run, "C-3", "Clara Weber", "A-1", CustomerQuery.normalizeNumber(number(1)));

        assertThat(find(new CustomerQuery(tenant, number(2), "C-1", "A-2")).map(Customer::name))
                .contains("Anna Schmidt");
        assertThat(find(new CustomerQuery(tenant, number(1), null, "A-2")).map(Customer::name))
                .contains("Ben Meyer");
        // the number as a PBX may present it, with punctuation
        String spaced = number(2).substring(0, 3) + " (" + number(2).substring(3, 6) + ") " + number(2).substring(6);
        assertThat(find(new CustomerQuery(tenant, spaced, "C-unknown", null)).map(Customer::id)).contains("C-2");
        assertThat(find(new CustomerQuery(tenant, number(9), "C-unknown", "A-unknown"))).isEmpty();
        assertThat(find(new CustomerQuery("other-" + run, number(1), null, null)).map(Customer::id))
                .contains("C-3");
        assertThat(find(new CustomerQuery("nobody-" + run, number(1), "C-1", "A-1"))).isEmpty();

        Customer anna = find(new CustomerQuery(tenant, null, "C-1", null)).orElseThrow();
        assertThat(anna).isEqualTo(new Customer("C-1", "Anna Schmidt", "business", true, "A-1", "en", "Key account",
                Map.of("owner", "Jo")));
    }

    @Test
    void openTicketsAreThoseNotClosedOrResolvedOfTheNumberOrCustomer() throws Exception {
        ticket(tenant, "T1-" + run, number(1), null, "open", now.minusSeconds(300));
        ticket(tenant, "T2-" + run, null, "C-1", "In Progress", now.minusSeconds(200));
        ticket(tenant, "T3-" + run, number(1), "C-1", "closed", now.minusSeconds(100));
        ticket(tenant, "T4-" + run, number(1), null, "RESOLVED", now.minusSeconds(50));
        ticket(tenant, "T5-" + run, number(2), "C-2", "open", now.minusSeconds(10));
        ticket("other-" + run, "T6-" + run, number(1), "C-1", "open", now);

        assertThat(openTickets.find(tenant, number(1), "C-1")).extracting(PopCard.Ticket::id)
                .containsExactly("T2-" + run, "T1-" + run);
        assertThat(openTickets.find(tenant, number(1), null)).extracting(PopCard.Ticket::id)
                .containsExactly("T1-" + run);
        List<PopCard.Ticket> byCustomer = openTickets.find(tenant, null, "C-1");
        assertThat(byCustomer).containsExactly(
                new PopCard.Ticket("T2-" + run, "Subject T2-" + run, "In Progress", now.minusSeconds(200)));
        assertThat(openTickets.find(tenant, null, null)).isEmpty();
    }

    private CallRecord call(String pbxId, String caller, Instant started, String queue, String agent) {
        String node = "pop-" + run;
        return new CallRecord(node + ":" + pbxId, node, "asterisk", pbxId, Direction.INBOUND, caller, "Caller", "100",
                queue, agent, agent == null ? null : "PJSIP/" + agent, started, started.plusSeconds(1),
                agent == null ? null : started.plusSeconds(5), started.plusSeconds(65), 4_000,
                agent == null ? 0 : 60_500, 0, agent == null ? Disposition.ABANDONED : Disposition.ANSWERED,
                16, "Normal Clearing", null, List.of(), List.of(), Map.of(), List.of());
    }

    @Test
    void recentCallsAreTheCallersLatestWithinTheWindowNewestFirst() throws Exception {
        String caller = number(3);
        List<CallRecord> records = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            records.add(call("r" + i, caller, now.minus(i, ChronoUnit.DAYS), "support", i % 2 == 0 ? null : "Ann"));
        }
        records.add(call("old", caller, now.minus(120, ChronoUnit.DAYS), "support", "Ann"));
        records.add(call("current", caller, now, "support", "Ann"));
        records.add(call("someone-else", number(4), now.minus(1, ChronoUnit.HOURS), "support", "Ann"));
        writer.write(records);

        List<PopCard.RecentCall> recent = recentCalls.forCaller("default", caller, "pop-" + run + ":current");
        assertThat(recent).extracting(PopCard.RecentCall::callId).containsExactly("pop-" + run + ":r1",
                "pop-" + run + ":r2", "pop-" + run + ":r3", "pop-" + run + ":r4", "pop-" + run + ":r5");
        assertThat(recent.getFirst()).isEqualTo(new PopCard.RecentCall("pop-" + run + ":r1",
                now.minus(1, ChronoUnit.DAYS), "support", "Ann", "ANSWERED", 60.5));
        assertThat(recent.get(1).disposition()).isEqualTo("ABANDONED");
        assertThat(recent.get(1).agent()).isNull();
    }

    @Test
    void aTenantSeesTheCallsOfItsOwnQueuesOnly() throws Exception {
        String caller = number(5);
        writer.write(List.of(call("a", caller, now.minusSeconds(100), "vip-" + run, "Ann"),
                call("b", caller, now.minusSeconds(200), "support", "Ben"),
                call("c", caller, now.minusSeconds(300), null, null)));
        QueueTenants tenants = new QueueTenants("default", Map.of("vip-" + run, "acme"));
        RecentCalls history = new CallHistoryTable(dataSource, tenants, 5, Duration.ofDays(90), Duration.ofSeconds(2),
                Clock.systemUTC());

        assertThat(history.forCaller("acme", caller, null)).extracting(PopCard.RecentCall::callId)
                .containsExactly("pop-" + run + ":a");
        assertThat(history.forCaller("default", caller, null)).extracting(PopCard.RecentCall::callId)
                .containsExactly("pop-" + run + ":b", "pop-" + run + ":c");
        assertThat(history.forCaller("nobody", caller, null)).isEmpty();
    }
}
