package io.switchboard.workflow.alerts;

import io.switchboard.dialplans.DialplanType;
import io.switchboard.dialplans.DialplanValidator;
import io.switchboard.workflow.SlaBreached;
import io.switchboard.workflow.alerts.AlertStore.AlertStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.switchboard.workflow.alerts.Delivery.Status.FAILED;
import static io.switchboard.workflow.alerts.Delivery.Status.SENT;
import static io.switchboard.workflow.alerts.Delivery.Status.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts: backoff, an alert's overall status, the message text, dial strings, the shipped alert dialplans. */
class AlertRulesTest {

    record Retry(int attempts, Duration backoff, Duration maxBackoff) implements AlertsConfig.Retry {
    }

    @ParameterizedTest(name = "after attempt {0}: {1} ms")
    @CsvSource({"1, 2000", "2, 4000", "3, 8000", "4, 16000", "5, 30000", "9, 30000"})
    void backoffDoublesUpToTheMaximum(int attempt, long millis) {
        assertThat(RetryPolicy.backoff(new Retry(10, Duration.ofSeconds(2), Duration.ofSeconds(30)), attempt))
                .isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void overallStatusOfAnAlert() {
        assertThat(Alerts.overall(List.of(SENT, SENT))).isEqualTo(AlertStatus.SENT);
        assertThat(Alerts.overall(List.of(SENT, SKIPPED))).isEqualTo(AlertStatus.SENT);
        assertThat(Alerts.overall(List.of(SENT, FAILED))).isEqualTo(AlertStatus.PARTIAL);
        assertThat(Alerts.overall(List.of(FAILED, SKIPPED))).isEqualTo(AlertStatus.FAILED);
        assertThat(Alerts.overall(List.of(SKIPPED))).isEqualTo(AlertStatus.SKIPPED);
    }

    @Test
    void messageNamesTaskTicketProcessAndHolder() {
        Instant due = Instant.parse("2026-01-05T10:00:00Z");
        AlertText t = AlertText.of(new SlaBreached("acme", 2, false, "discount-approval", "pi-1", "task-1",
                "Manager approval", "T-7", "bob", Set.of(), due, due.plusSeconds(60)));
        assertThat(t.subject()).isEqualTo("Task 'Manager approval' overdue (level 2)");
        assertThat(t.body()).isEqualTo("SLA level 2: task 'Manager approval' of ticket T-7 (discount-approval) was due"
                + " at 2026-01-05T10:00:00Z; held by bob.");
        AlertText e = AlertText.of(new SlaBreached("acme", 3, true, null, "pi-1", "task-1", null, null, null, Set.of(),
                null, due));
        assertThat(e.subject()).isEqualTo("Task 'task-1' escalated");
        assertThat(e.body()).isEqualTo("SLA escalation: task 'task-1'; nobody has claimed it.");
    }

    @ParameterizedTest
    @CsvSource({"1001, asterisk, PJSIP/1001", "1001, freeswitch, user/1001", "SIP/trunk/0301234, asterisk, SIP/trunk/0301234",
            "sofia/gateway/trunk/0301234, freeswitch, sofia/gateway/trunk/0301234"})
    void phonesBecomeDialStrings(String phone, String type, String dial) {
        assertThat(PhoneChannel.dialString(phone, type)).isEqualTo(dial);
    }

    @Test
    void groupsColumnIsCommaSeparated() {
        assertThat(ContactTable.groups(" sales, managers ,,")).containsExactlyInAnyOrder("sales", "managers");
        assertThat(ContactTable.groups(null)).isEmpty();
    }

    @Test
    void shippedAlertDialplansAreValid() throws Exception {
        DialplanValidator.Known known = new DialplanValidator.Known(Set.of(), Set.of(), 1_000_000);
        assertThat(DialplanValidator.validate(DialplanType.ASTERISK,
                Files.readString(Path.of("dialplans/asterisk/alerts.conf")), List.of(), known)).isEmpty();
        assertThat(DialplanValidator.validate(DialplanType.FREESWITCH,
                Files.readString(Path.of("dialplans/freeswitch/alerts.xml")), List.of(), known)).isEmpty();
    }
}
