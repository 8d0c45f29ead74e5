package io.switchboard.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.switchboard.api.ApiException;
import io.switchboard.api.CallDetail;
import io.switchboard.api.CallFilter;
import io.switchboard.api.CallPage;
import io.switchboard.api.CallRecordDto;
import io.switchboard.api.CallRecordDto.AgentAttemptDto;
import io.switchboard.api.CallRecordDto.TransferDto;
import io.switchboard.calls.CallRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads finished calls of one tenant: filtered, newest first, keyset-paged by (started, id). The
 * tenant is a required argument, so no read can return another tenant's calls. Each read runs in
 * its own transaction so that it works from any thread, not only inside an HTTP request.
 */
@ApplicationScoped
@Transactional
public class CallQueries {

    private static final TypeReference<List<CallRecord.Transfer>> TRANSFERS = new TypeReference<>() {
    };
    private static final TypeReference<List<CallRecord.AgentAttempt>> ATTEMPTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> IVR = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    public CallPage list(String tenant, CallFilter f, int limit, String cursor) {
        StringBuilder q = new StringBuilder("tenant = :tenant");
        Map<String, Object> p = new HashMap<>();
        p.put("tenant", java.util.Objects.requireNonNull(tenant, "tenant"));
        if (f.from() != null) {
            q.append(" and startedUs >= :from");
            p.put("from", CallRecordWriter.micros(f.from()));
        }
        if (f.to() != null) {
            q.append(" and startedUs < :to");
            p.put("to", CallRecordWriter.micros(f.to()));
        }
        if (f.queue() != null) {
            q.append(" and queue = :queue");
            p.put("queue", f.queue());
        }
        if (f.agent() != null) {
            q.append(" and (agentName = :agent or agentInterface = :agent)");
            p.put("agent", f.agent());
        }
        if (f.disposition() != null) {
            q.append(" and disposition = :disposition");
            p.put("disposition", f.disposition().name());
        }
        if (f.caller() != null) {
            q.append(" and callerNumber = :caller");
            p.put("caller", f.caller());
        }
        if (f.node() != null) {
            q.append(" and node = :node");
            p.put("node", f.node());
        }
        if (cursor != null) {
            Cursor c = Cursor.decode(cursor);
            q.append(" and (startedUs < :cs or (startedUs = :cs and id < :cid))");
            p.put("cs", c.startedUs());
            p.put("cid", c.id());
        }
        List<CallRecordEntity> rows = CallRecordEntity
                .<CallRecordEntity>find(q.toString(), Sort.descending("startedUs", "id"), p)
                .page(Page.ofSize(limit + 1)).list();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            CallRecordEntity last = rows.getLast();
            next = new Cursor(last.startedUs, last.id).encode();
        }
        List<CallRecordDto> items = new ArrayList<>(rows.size());
        rows.forEach(r -> items.add(toDto(r)));
        return new CallPage(items, next);
    }

    /** The call when it is {@code tenant}'s; another tenant's call is as absent as a missing one. */
    public Optional<CallDetail> find(String tenant, String id) {
        CallRecordEntity r = CallRecordEntity.findById(id);
        if (r == null || !r.tenant.equals(tenant)) {
            return Optional.empty();
        }
        CallTimelineEntity t = CallTimelineEntity.findById(id);
        return Optional.of(new CallDetail(toDto(r), t == null ? mapper.createArrayNode() : read(t.events)));
    }

    private CallRecordDto toDto(CallRecordEntity r) {
        List<TransferDto> transfers = new ArrayList<>();
        for (CallRecord.Transfer t : read(r.transfers, TRANSFERS)) {
            transfers.add(new TransferDto(t.type().name(), t.from(), t.to(), t.context(), t.at()));
        }
        List<AgentAttemptDto> attempts = new ArrayList<>();
        for (CallRecord.AgentAttempt a : read(r.agentAttempts, ATTEMPTS)) {
            attempts.add(new AgentAttemptDto(a.agentInterface(), a.agentName(), a.offeredAt(), a.outcome().name(),
                    a.ringMillis() / 1000.0));
        }
        return new CallRecordDto(r.id, r.node, r.pbxType, r.pbxCallId, r.direction, r.callerNumber, r.callerName,
                r.dialedNumber, r.queue, r.agentName, r.agentInterface, instant(r.startedUs), instant(r.queuedUs),
                instant(r.answeredUs), instant(r.endedUs), r.waitMs / 1000.0, r.talkMs / 1000.0, r.holdMs / 1000.0,
                r.disposition, r.hangupCause, r.hangupCauseText, r.routingStatus, transfers, attempts,
                read(r.ivrData, IVR));
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored call data is not valid JSON", e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored timeline is not valid JSON", e);
        }
    }

    static Instant instant(Long micros) {
        if (micros == null) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Opaque paging position: the last row's start time and id. */
    record Cursor(long startedUs, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((startedUs + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String s) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new Cursor(Long.parseLong(raw.substring(0, bar)), raw.substring(bar + 1));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("cursor is not valid: use the 'next' value of a previous page");
            }
        }
    }
}
