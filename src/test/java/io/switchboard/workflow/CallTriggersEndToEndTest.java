package io.switchboard.workflow;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.agents.DispositionRecorded;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.Direction;
import io.switchboard.calls.Disposition;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketFilter;
import io.switchboard.workflow.tickets.TicketKind;
import io.switchboard.workflow.tickets.TicketStore;
import io.switchboard.workflow.triggers.WorkflowTriggers;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls open tickets by themselves: a call through the simulated PBX whose IVR asked for a discount,
 * a VIP who gave up waiting, an agent's "unresolved" wrap-up; a replayed record opens nothing new;
 * the ticket's overdue task raises its SLA breach.
 */
@QuarkusTest
class CallTriggersEndToEndTest {

    @Inject
    DemoSimulator demo;
    @Inject
    TicketStore store;
    @Inject
    TaskService tasks;
    @Inject
    ProcessEngine engine;
    @Inject
    SlaBreaches breaches;
    @Inject
    WorkflowTriggers triggers;
    @Inject
    Event<DispositionRecorded> dispositions;
    @Inject
    MeterRegistry registry;
    @Inject
    AgroalDataSource db;

    private Ticket ticketOf(String callId, TicketKind kind) {
        List<Ticket> found = await().atMost(Duration.ofSeconds(30)).until(() -> store.list(new TicketFilter("default",
                null, kind, null, callId, null, 0, 10)), l -> !l.isEmpty());
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private double duplicates(String trigger) {
        var c = registry.find("switchboard.workflow.triggers").tags("trigger", trigger, "outcome", "duplicate").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void anIvrDiscountCallOpensATicketWhoseOverdueTaskIsReported() {
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        String caller = "0309" + (1_000_000 + (System.nanoTime() % 8_000_000));
        GeneratedCall call = new ScenarioGenerator(System.nanoTime()).generate(
                ScenarioSpec.answered(caller, "Dora Discount", 1, 3_000, 20_000)
                        .withIvrVars(Map.of("INTENT", "discount", "AMOUNT", "1200", "CUSTOMER_ID", "C-77")),
                Instant.now().toEpochMilli() * 1_000);
        demo.simulator().play(ScenarioMix.schedule(List.of(call), 50.0), PlayOptions.fullSpeed()).done().join();

        Ticket t = ticketOf("sim:" + call.linkedId(), TicketKind.DISCOUNT);
        assertThat(t.amount()).isEqualByComparingTo(new BigDecimal("1200"));
        assertThat(t.currency()).isEqualTo("EUR");
        assertThat(t.callerNumber()).isEqualTo(caller);
        assertThat(t.customerId()).isEqualTo("C-77");
        assertThat(t.createdBy()).isEqualTo("trigger");
        assertThat(t.processKey()).isEqualTo("discount-approval");
        var task = tasks.createTaskQuery().processInstanceId(t.processInstanceId()).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("mainApproval");

        // nobody decides: an hour later the first SLA level is reported
        try (EngineTime time = new EngineTime(engine)) {
            time.advance(Duration.between(time.now(), task.getDueDate().toInstant()).plusSeconds(1),
                    t.processInstanceId());
            assertThat(breaches.of(t.processInstanceId())).singleElement().satisfies(b -> {
                assertThat(b.level()).isEqualTo(1);
                assertThat(b.ticketId()).isEqualTo(t.id());
                assertThat(b.tenant()).isEqualTo("default");
            });
        }
    }

    @Test
    void aReplayedRecordOpensNoSecondTicket() {
        CallRecord r = record("replay-" + System.nanoTime(), Disposition.ANSWERED, Map.of("INTENT", "complaint"));
        triggers.onRecord(r);
        Ticket first = ticketOf(r.id(), TicketKind.COMPLAINT);
        double before = duplicates("complaint");
        triggers.onRecord(r);
        await().atMost(Duration.ofSeconds(10)).until(() -> duplicates("complaint") > before);
        assertThat(store.list(new TicketFilter("default", null, null, null, r.id(), null, 0, 10)))
                .extracting(Ticket::id).containsExactly(first.id());
    }

    @Test
    void aVipWhoAbandonsGetsACallbackAndAnUnknownCallerDoesNot() throws Exception {
        String vipNumber = "0308" + (1_000_000 + (System.nanoTime() % 8_000_000));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO customers "
                + "(tenant, id, name, segment, vip, phone, updated_us) VALUES ('default', ?, 'Vera VIP', 'gold', TRUE, ?, 0)")) {
            ps.setString(1, "VIP-" + vipNumber);
            ps.setString(2, vipNumber);
            ps.executeUpdate();
        }
        CallRecord vip = record("vip-" + System.nanoTime(), Disposition.ABANDONED, Map.of(), vipNumber);
        CallRecord nobody = record("nobody-" + System.nanoTime(), Disposition.ABANDONED, Map.of(), "0307999999");
        triggers.onRecord(nobody);
        triggers.onRecord(vip);
        Ticket t = ticketOf(vip.id(), TicketKind.CALLBACK);
        assertThat(t.callerNumber()).isEqualTo(vipNumber);
        assertThat(t.priority()).isEqualTo("high");
        assertThat(t.processKey()).isEqualTo("vip-callback");
        assertThat(store.list(new TicketFilter("default", null, null, null, nobody.id(), null, 0, 10))).isEmpty();
    }

    @Test
    void anUnresolvedWrapUpStartsTheEscalationOnce() {
        String callId = "sim:unresolved-" + System.nanoTime();
        DispositionRecorded d = new DispositionRecorded("default", callId, "agent-x", "unresolved", "customer still angry",
                "agent-x-user", Instant.now());
        dispositions.fireAsync(d).toCompletableFuture().join();
        Ticket t = ticketOf(callId, TicketKind.UNRESOLVED);
        assertThat(t.processKey()).isEqualTo("unresolved-escalation");
        assertThat(t.description()).isEqualTo("customer still angry");
        dispositions.fireAsync(d).toCompletableFuture().join();
        dispositions.fireAsync(new DispositionRecorded("default", callId, "agent-x", "resolved", null, "agent-x-user",
                Instant.now())).toCompletableFuture().join();
        assertThat(store.list(new TicketFilter("default", null, null, null, callId, null, 0, 10))).hasSize(1);
    }

    private static CallRecord record(String id, Disposition disposition, Map<String, String> ivr) {
        return record(id, disposition, ivr, "0301234567");
    }

    private static CallRecord record(String id, Disposition disposition, Map<String, String> ivr, String caller) {
        Instant t = Instant.now();
        return new CallRecord("sim:" + id, "sim", "asterisk", id, Direction.INBOUND, caller, "Caller", "100", "support",
                null, null, t, t, disposition == Disposition.ANSWERED ? t : null, t.plusSeconds(30), 5_000, 0, 0,
                disposition, 16, "Normal Clearing", null, List.of(), List.of(), ivr, List.of());
    }
}
