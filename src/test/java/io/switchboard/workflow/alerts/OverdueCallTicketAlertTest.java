package io.switchboard.workflow.alerts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.workflow.EngineTime;
import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketFilter;
import io.switchboard.workflow.tickets.TicketKind;
import io.switchboard.workflow.tickets.TicketStore;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole chain on the running service: a simulated call whose IVR asked for a discount opens a
 * ticket and its approval; nobody decides; an hour later (engine clock) the SLA's first level
 * alerts the task's people (or, unassigned, its org unit's) through the webhook channel, and each
 * delivery is recorded. Contacts from other tests may share the unit: only ours are checked.
 */
@QuarkusTest
class OverdueCallTicketAlertTest {

    @Inject
    DemoSimulator demo;
    @Inject
    TicketStore store;
    @Inject
    TaskService tasks;
    @Inject
    ProcessEngine engine;
    @Inject
    AgroalDataSource db;

    @Test
    void anOverdueApprovalFromAnIvrCallAlertsItsPeopleThroughTheWebhook() throws Exception {
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        String caller = "0301" + (1_000_000 + (System.nanoTime() % 8_000_000));
        GeneratedCall call = new ScenarioGenerator(System.nanoTime()).generate(
                ScenarioSpec.answered(caller, "Otto Overdue", 1, 3_000, 20_000)
                        .withIvrVars(Map.of("INTENT", "discount", "AMOUNT", "250")),
                Instant.now().toEpochMilli() * 1_000);
        demo.simulator().play(ScenarioMix.schedule(List.of(call), 50.0), PlayOptions.fullSpeed()).done().join();

        Ticket t = await().atMost(Duration.ofSeconds(30)).until(() -> store.list(new TicketFilter("default", null,
                TicketKind.DISCOUNT, null, "sim:" + call.linkedId(), null, 0, 10)), l -> !l.isEmpty()).getFirst();
        Task task = tasks.createTaskQuery().processInstanceId(t.processInstanceId()).singleResult();
        // whoever the task went to (or its unit's people, when nobody holds it) has a contact on the default webhook
        List<String> people = task.getAssignee() != null ? List.of(task.getAssignee())
                : tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> l.getUserId() != null).map(l -> l.getUserId()).toList();
        List<String> recipients = new ArrayList<>(people);
        if (people.isEmpty()) {
            String group = tasks.getIdentityLinksForTask(task.getId()).stream()
                    .filter(l -> l.getGroupId() != null).map(l -> l.getGroupId()).findFirst().orElseThrow();
            recipients.add("watcher-" + System.nanoTime());
            contact(recipients.getFirst(), group);
        } else {
            for (String user : people) {
                contact(user, "");
            }
        }
        try {
            try (EngineTime time = new EngineTime(engine)) {
                time.advance(Duration.between(time.now(), task.getDueDate().toInstant()).plusSeconds(1),
                        t.processInstanceId());
            }
            List<LocalHttp.Request> hooks = await().atMost(Duration.ofSeconds(20))
                    .until(() -> AlertEndpoints.server.requests("/ops", t.id()), l -> !l.isEmpty());
            assertThat(hooks.getFirst().body()).contains(t.id()).contains("SLA level 1");
            for (String r : recipients) {
                await().atMost(Duration.ofSeconds(10)).until(() -> webhookStatus(task.getId(), r), "SENT"::equals);
            }
        } finally {
            for (String r : recipients) {
                removeContact(r);
            }
        }
    }

    private void contact(String user, String groups) throws Exception {
        removeContact(user);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into alert_contacts (tenant, username, display_name,"
                     + " email, mobile, phone, node, webhook, group_names) values (?, ?, ?, null, null, null, null, null, ?)")) {
            ps.setString(1, "default");
            ps.setString(2, user);
            ps.setString(3, "Person " + user);
            ps.setString(4, groups);
            ps.executeUpdate();
        }
    }

    private void removeContact(String user) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from alert_contacts where tenant = ? and username = ?")) {
            ps.setString(1, "default");
            ps.setString(2, user);
            ps.executeUpdate();
        }
    }

    private String webhookStatus(String taskId, String recipient) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select d.status from alerts a join alert_deliveries d"
                     + " on d.alert_id = a.id where a.task_id = ? and a.sla_level = 1 and d.channel = 'webhook'"
                     + " and d.recipient = ?")) {
            ps.setString(1, taskId);
            ps.setString(2, recipient);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
