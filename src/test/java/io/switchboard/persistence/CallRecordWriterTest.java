package io.switchboard.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.api.CallDetail;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallRecord.AgentAttempt;
import io.switchboard.calls.CallRecord.Transfer;
import io.switchboard.calls.Direction;
import io.switchboard.calls.Disposition;
import io.switchboard.calls.TransferType;
import io.switchboard.events.CallEvent;
import io.switchboard.events.EventMeta;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records reach MySQL/MariaDB exactly once and read back exactly as written. */
@QuarkusTest
class CallRecordWriterTest {

    @Inject
    CallRecordWriter writer;
    @Inject
    CallQueries queries;
    @Inject
    AgroalDataSource dataSource;

    static CallRecord record(String pbxCallId, Instant start) {
        return record(pbxCallId, start, "support");
    }

    static CallRecord record(String pbxCallId, Instant start, String queue) {
        Instant queued = start.plusNanos(1_500_123_000L);
        Instant answered = queued.plusNanos(7_250_456_000L);
        Instant ended = answered.plusSeconds(42).plusNanos(789_000);
        EventMeta meta = new EventMeta("wtest", start, start.plusMillis(1), pbxCallId, pbxCallId + ".1");
        return new CallRecord("wtest:" + pbxCallId, "wtest", "asterisk", pbxCallId, Direction.INBOUND,
                "5551234", "Ada Caller", "8005550100", queue, "Agent One", "Local/agent1@agents/n",
                start, queued, answered, ended, 7250, 42000, 0, Disposition.ANSWERED, 16, "Normal Clearing", null,
                List.of(new Transfer(TransferType.BLIND, "Agent One", "2000", "transfer-target", ended.minusSeconds(1))),
                List.of(new AgentAttempt("Local/agent1@agents/n", "Agent One", queued.plusMillis(10),
                        AgentAttempt.Outcome.CONNECTED, 7240)),
                Map.of("INTENT", "discount request", "CUSTOMER_ID", "4711"),
                List.of(new CallEvent.LegCreated(meta, "PJSIP/trunk-0001", "5551234", "Ada Caller", "inbound", "8005550100"),
                        new CallEvent.QueueJoined(meta, queue, 1)));
    }

    @Test
    void sameCallWrittenTwiceIsStoredOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        CallRecord r = record(id, Instant.parse("2026-11-23T10:00:00.123456Z"));
        writer.write(List.of(r, r));
        writer.write(List.of(r));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from call_records where id = ?")) {
            s.setString(1, r.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void timestampsRoundTripToTheMicrosecond() throws Exception {
        Instant start = Instant.parse("2026-11-23T10:15:30.654321Z");
        CallRecord r = record(UUID.randomUUID().toString(), start);
        writer.write(List.of(r));
        CallDetail d = queries.find("default", r.id()).orElseThrow();
        assertThat(d.call().startedAt()).isEqualTo(r.startedAt());
        assertThat(d.call().queuedAt()).isEqualTo(r.queuedAt());
        assertThat(d.call().answeredAt()).isEqualTo(r.answeredAt());
        assertThat(d.call().endedAt()).isEqualTo(r.endedAt());
        assertThat(d.call().transfers().getFirst().at()).isEqualTo(r.transfers().getFirst().at());
        assertThat(d.call().agentAttempts().getFirst().offeredAt()).isEqualTo(r.agentAttempts().getFirst().offeredAt());
        assertThat(d.call().ivrData()).containsEntry("INTENT", "discount request");
        assertThat(d.timeline()).hasSize(2);
        assertThat(d.timeline().get(0).get("type").asText()).isEqualTo("LegCreated");
        assertThat(d.timeline().get(0).get("pbxTime").asText()).isEqualTo("2026-11-23T10:15:30.654321Z");
        assertThat(d.timeline().get(1).get("queue").asText()).isEqualTo("support");
    }

    @Test
    void acceptedRecordsAreWrittenInTheBackground() throws Exception {
        CallRecord r = record(UUID.randomUUID().toString(), Instant.now());
        writer.accept(r);
        await().until(() -> queries.find("default", r.id()).isPresent());
    }

    @Test
    void recordsCarryTheirQueuesTenantAndAreReadOnlyByIt() throws Exception {
        // %test.switchboard.metrics.queue.overload.tenant=overload; 'support' names no tenant
        CallRecord theirs = record(UUID.randomUUID().toString(), Instant.now(), "overload");
        CallRecord ours = record(UUID.randomUUID().toString(), Instant.now(), "support");
        writer.write(List.of(theirs, ours));
        assertThat(tenantColumn(theirs.id())).isEqualTo("overload");
        assertThat(tenantColumn(ours.id())).isEqualTo("default");
        assertThat(queries.find("overload", theirs.id())).isPresent();
        assertThat(queries.find("default", theirs.id())).isEmpty();
        assertThat(queries.find("overload", ours.id())).isEmpty();
    }

    private String tenantColumn(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select tenant from call_records where id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
