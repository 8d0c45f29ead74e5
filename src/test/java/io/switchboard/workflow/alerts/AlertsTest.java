package io.switchboard.workflow.alerts;

import io.switchboard.testing.LogCapture;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.workflow.SlaBreached;
import io.switchboard.workflow.alerts.AlertStore.AlertRecord;
import io.switchboard.workflow.alerts.AlertStore.DeliveryRecord;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SLA breaches fired as CDI events, as the processes fire them, through the real channels: webhook
 * and SMS on a local HTTP server, e-mail into the mock mailbox, phone calls onto the simulated
 * Asterisk's wire; outcomes read back from MariaDB.
 */
@QuarkusTest
@QuarkusTestResource(AlertEndpoints.class)
class AlertsTest {

    /** Each test run its own tenant, so nothing another run (or test) recorded is counted. */
    static final String TENANT = "alerts-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    Event<SlaBreached> breaches;
    @Inject
    AlertStore store;
    @Inject
    AgroalDataSource db;
    @Inject
    MockMailbox mailbox;
    @Inject
    DemoSimulator demo;
    @Inject
    PbxRegistry pbx;
    @Inject
    MeterRegistry registry;
    @Inject
    AlertsConfig config;
    @Inject
    AlertRecipients recipients;
    @Inject
    Instance<AlertChannel> channels;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A contact with every address; {@code webhook} null: the default target. */
    AlertContact contact(String webhook, String mobile, String groups) {
        return contact(webhook, mobile, groups, "sim", "7" + ThreadLocalRandom.current().nextInt(100_000, 999_999));
    }

    AlertContact contact(String webhook, String mobile, String groups, String node, String phone) {
        String user = unique("u");
        AlertContact c = new AlertContact(TENANT, user, "Person " + user, user + "@example.test", mobile, phone, node,
                webhook, ContactTable.groups(groups));
        try (Connection conn = db.getConnection();
             PreparedStatement ps = conn.prepareStatement("insert into alert_contacts (tenant, username, display_name,"
                     + " email, mobile, phone, node, webhook, group_names) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, TENANT);
            ps.setString(2, user);
            ps.setString(3, c.displayName());
            ps.setString(4, c.email());
            ps.setString(5, mobile);
            ps.setString(6, phone);
            ps.setString(7, node);
            ps.setString(8, webhook);
            ps.setString(9, groups);
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return c;
    }

    static SlaBreached breach(String taskId, int level, boolean escalation, String assignee, Set<String> groups) {
        Instant now = Instant.now();
        return new SlaBreached(TENANT, level, escalation, "discount-approval", "pi-" + taskId, taskId,
                "Manager approval", "T-" + taskId, assignee, groups, now.minusSeconds(3600), now);
    }

    AlertRecord finished(String taskId, int level) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> alertsOf(taskId).stream()
                .filter(a -> a.level() == level && !a.status().equals("PENDING")).findFirst().orElse(null),
                a -> a != null);
    }

    List<AlertRecord> alertsOf(String taskId) {
        return store.page(new AlertStore.Query(TENANT, null, taskId, null, null, 100));
    }

    static DeliveryRecord only(AlertRecord a, String channel) {
        List<DeliveryRecord> d = a.deliveries().stream().filter(x -> x.channel().equals(channel)).toList();
        assertThat(d).as(a.toString()).hasSize(1);
        return d.getFirst();
    }

    double count(String name, String channel, int level) {
        Counter c = registry.find(name).tag("channel", channel).tag("level", Integer.toString(level)).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void eachLevelAlertsThroughItsChannels() {
        await().atMost(Duration.ofSeconds(20)).until(() -> pbx.control("sim").map(c -> c.connected()).orElse(false));
        AlertContact alice = contact(null, "+4915100" + ThreadLocalRandom.current().nextInt(10_000, 99_999), null);
        String task = unique("task");
        double sentBefore = count("switchboard.alerts.sent", "webhook", 1);

        // level 1: a chat message (the default target, Slack format)
        breaches.fire(breach(task, 1, false, alice.username(), Set.of()));
        AlertRecord one = finished(task, 1);
        assertThat(one.status()).isEqualTo("SENT");
        assertThat(one.deliveries()).extracting(DeliveryRecord::channel).containsExactly("webhook");
        assertThat(only(one, "webhook")).extracting(DeliveryRecord::recipient, DeliveryRecord::status,
                DeliveryRecord::attempts).containsExactly(alice.username(), "SENT", 1);
        LocalHttp.Request hook = AlertEndpoints.server.requests("/ops", task).getFirst();
        assertThat(hook.body()).startsWith("{\"text\":\"SLA level 1: task 'Manager approval' of ticket T-" + task);
        assertThat(hook.query()).isEqualTo("access_token=" + AlertEndpoints.HOOK_TOKEN);
        assertThat(count("switchboard.alerts.sent", "webhook", 1)).isEqualTo(sentBefore + 1);

        // level 2: an SMS through the gateway, with its key
        breaches.fire(breach(task, 2, false, alice.username(), Set.of()));
        AlertRecord two = finished(task, 2);
        assertThat(two.deliveries()).extracting(DeliveryRecord::channel, DeliveryRecord::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sms", "SENT"));
        LocalHttp.Request sms = AlertEndpoints.server.requests("/sms", task).getFirst();
        assertThat(sms.header("Authorization")).isEqualTo(AlertEndpoints.SMS_KEY);
        assertThat(sms.body()).startsWith("{\"to\":\"" + alice.mobile() + "\",\"text\":\"SLA level 2: ");

        // level 3: a phone call into the alert context, and an e-mail
        int mark = demo.simulator().receivedActions().size();
        breaches.fire(breach(task, 3, false, alice.username(), Set.of()));
        AlertRecord three = finished(task, 3);
        assertThat(three.status()).as(three.toString()).isEqualTo("SENT");
        assertThat(three.deliveries()).extracting(DeliveryRecord::channel).containsExactlyInAnyOrder("phone", "email");
        AmiFrame call = originateTo(mark, "PJSIP/" + alice.phone());
        assertThat(call.get("Context")).isEqualTo("alert-call");
        assertThat(call.get("Exten")).isEqualTo("s");
        assertThat(call.getAll("Variable")).contains("SB_ALERT_PROMPT=custom/switchboard-sla-alert", "SB_ALERT_LEVEL=3",
                "SB_ALERT_TASK=" + task);
        List<Mail> mails = mailbox.getMailsSentTo(alice.email());
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).isEqualTo("[Switchboard SLA] Task 'Manager approval' overdue (level 3)");
        assertThat(mails.getFirst().getText()).contains("ticket T-" + task).contains("held by " + alice.username());

        // the escalation timer: phone and e-mail whatever its level
        breaches.fire(breach(task, 4, true, alice.username(), Set.of()));
        assertThat(finished(task, 4).deliveries()).extracting(DeliveryRecord::channel)
                .containsExactlyInAnyOrder("phone", "email");
    }

    @Test
    void aPhoneOnFreeSwitchIsCalledIntoTheSameAlertPlace() {
        await().atMost(Duration.ofSeconds(20)).until(() -> pbx.control("fssim").map(c -> c.connected()).orElse(false));
        String device = "8" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        AlertContact dora = contact(null, null, null, "fssim", device);
        String task = unique("task");
        int mark = demo.eslSimulator().receivedCommands().size();
        breaches.fire(breach(task, 2, true, dora.username(), Set.of()));
        AlertRecord a = finished(task, 2);
        assertThat(only(a, "phone").status()).as(a.toString()).isEqualTo("SENT");
        String originate = await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<String> all = demo.eslSimulator().receivedCommands();
            return all.subList(Math.min(mark, all.size()), all.size()).stream()
                    .map(x -> x.replaceFirst("^(bg)?api ", "")).filter(x -> x.startsWith("originate ")
                            && x.contains("user/" + device + " ")).findFirst().orElse(null);
        }, x -> x != null);
        assertThat(originate).endsWith("user/" + device + " s XML alert-call")
                .contains("SB_ALERT_PROMPT=custom/switchboard-sla-alert").contains("SB_ALERT_TASK=" + task);
    }

    private AmiFrame originateTo(int from, String channel) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<AmiFrame> all = demo.simulator().receivedActions();
            return all.subList(Math.min(from, all.size()), all.size()).stream()
                    .filter(f -> "Originate".equalsIgnoreCase(f.get("Action")) && channel.equals(f.get("Channel")))
                    .findFirst().orElse(null);
        }, f -> f != null);
    }

    @Test
    void theSameBreachAlertsOnceEvenFromAFreshServiceInstance() throws Exception {
        AlertContact bob = contact(null, null, null);
        String task = unique("task");
        SlaBreached b = breach(task, 1, false, bob.username(), Set.of());
        breaches.fire(b);
        breaches.fire(b);
        AlertRecord a = finished(task, 1);
        // times are stored as microseconds: they come back exactly
        assertThat(a.firedAt()).isEqualTo(b.firedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(a.dueAt()).isEqualTo(b.dueAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));

        // another instance (a second node, or this one after a restart) sees the claim in the database
        Alerts fresh = new Alerts();
        fresh.config = config;
        fresh.store = store;
        fresh.recipients = recipients;
        fresh.channelBeans = channels;
        fresh.registry = registry;
        fresh.init();
        try {
            fresh.dispatch(b).get();
        } finally {
            fresh.stop();
        }
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> alertsOf(task).size() == 1);
        assertThat(alertsOf(task).getFirst().deliveries()).hasSize(1);
        assertThat(a.deliveries()).hasSize(1);
        assertThat(AlertEndpoints.server.requests("/ops", task)).hasSize(1);
    }

    @Test
    void timeoutsAreRetriedThenRecordedAsFailedWithoutSecretsInLogsOrRecords() {
        AlertContact slow = contact("slow", "+000503", null);
        AlertContact flaky = contact(null, "+000flaky" + ThreadLocalRandom.current().nextInt(1_000_000), null);
        String task = unique("task");
        String flakyTask = unique("task");
        try (LogCapture logs = LogCapture.start()) {
            breaches.fire(breach(task, 1, false, slow.username(), Set.of()));
            breaches.fire(breach(task, 2, false, slow.username(), Set.of()));
            breaches.fire(breach(flakyTask, 2, false, flaky.username(), Set.of()));

            AlertRecord timedOut = finished(task, 1);
            assertThat(timedOut.status()).isEqualTo("FAILED");
            assertThat(only(timedOut, "webhook")).extracting(DeliveryRecord::status, DeliveryRecord::attempts,
                    DeliveryRecord::error).containsExactly("FAILED", 3, "webhook slow: timed out");
            assertThat(AlertEndpoints.server.requests("/slow", task)).hasSize(3);

            AlertRecord refused = finished(task, 2);
            assertThat(only(refused, "sms")).extracting(DeliveryRecord::status, DeliveryRecord::attempts,
                    DeliveryRecord::error).containsExactly("FAILED", 3, "sms gateway: HTTP 503");

            AlertRecord retried = finished(flakyTask, 2);
            assertThat(only(retried, "sms")).extracting(DeliveryRecord::status, DeliveryRecord::attempts)
                    .containsExactly("SENT", 2);

            await().until(() -> logs.text().contains("webhook to " + slow.username() + " failed after 3 attempt(s)"));
            assertThat(logs.text()).contains("sms to " + flaky.username() + " sent (2 attempt(s))")
                    .doesNotContain(AlertEndpoints.HOOK_TOKEN).doesNotContain(AlertEndpoints.SMS_KEY)
                    .doesNotContain("sms-key-");
            assertThat(List.of(timedOut, refused, retried).toString()).doesNotContain(AlertEndpoints.HOOK_TOKEN)
                    .doesNotContain(AlertEndpoints.SMS_KEY);
        }
    }

    @Test
    void anUnclaimedTaskAlertsItsGroupsAndNobodyToAlertIsRecorded() {
        String group = unique("g");
        AlertContact first = contact("wechat", null, "other," + group);
        AlertContact second = contact("ding", null, group);
        contact(null, null, "other");
        String task = unique("task");
        breaches.fire(breach(task, 1, false, null, Set.of(group, "nobody-here")));
        AlertRecord a = finished(task, 1);
        assertThat(a.deliveries()).extracting(DeliveryRecord::recipient)
                .containsExactlyInAnyOrder(first.username(), second.username());
        assertThat(AlertEndpoints.server.requests("/wechat", task).getFirst().body())
                .startsWith("{\"msgtype\":\"text\",\"text\":{\"content\":\"SLA level 1:");
        assertThat(AlertEndpoints.server.requests("/ding", task)).hasSize(1);

        // a recipient without a mobile: that delivery is skipped, not failed
        breaches.fire(breach(task, 2, false, null, Set.of(group)));
        AlertRecord noMobile = finished(task, 2);
        assertThat(noMobile.status()).isEqualTo("SKIPPED");
        assertThat(noMobile.deliveries()).extracting(DeliveryRecord::status).containsOnly("SKIPPED");
        assertThat(noMobile.deliveries()).extracting(DeliveryRecord::detail)
                .contains(first.username() + " has no mobile number");

        String lonely = unique("task");
        breaches.fire(breach(lonely, 1, false, "no-such-user", Set.of()));
        AlertRecord none = finished(lonely, 1);
        assertThat(none.status()).isEqualTo("SKIPPED");
        assertThat(none.deliveries()).extracting(DeliveryRecord::recipient, DeliveryRecord::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("-", "no recipient"));
    }
}
