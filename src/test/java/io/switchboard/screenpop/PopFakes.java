package io.switchboard.screenpop;

import io.switchboard.agents.AgentLookup;
import io.switchboard.agents.AgentPush;
import io.switchboard.agents.AgentRef;
import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.Direction;
import io.switchboard.calls.Disposition;
import io.switchboard.events.EventMeta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Fakes of the screen-pop's ports, and a call to build real events for. */
final class PopFakes {

    private PopFakes() {
    }

    /** Agents by member interface; an interface not listed is unknown. */
    static final class Agents implements AgentLookup {
        final Map<String, AgentRef> byInterface = new ConcurrentHashMap<>();
        final Function<String, AgentRef> fallback;

        Agents(Function<String, AgentRef> fallback) {
            this.fallback = fallback;
        }

        static Agents of(String memberInterface, AgentRef agent) {
            Agents a = new Agents(i -> null);
            a.byInterface.put(memberInterface, agent);
            return a;
        }

        @Override
        public Optional<AgentRef> byInterface(String node, String memberInterface) {
            AgentRef a = byInterface.get(memberInterface);
            return Optional.ofNullable(a != null ? a : fallback.apply(memberInterface));
        }

        @Override
        public Optional<AgentRef> byId(String agentId) {
            return byInterface.values().stream().filter(a -> a.id().equals(agentId)).findFirst();
        }
    }

    record Pushed(String agentId, String type, String field, PopCard card, String thread) {
    }

    static final class Push implements AgentPush {
        final List<Pushed> pushed = new CopyOnWriteArrayList<>();

        @Override
        public void push(String agentId, String type, String payloadField, Object payload) {
            pushed.add(new Pushed(agentId, type, payloadField, (PopCard) payload, Thread.currentThread().getName()));
        }

        List<PopCard> cards(String agentId) {
            return pushed.stream().filter(p -> p.agentId().equals(agentId)).map(Pushed::card).toList();
        }

        PopCard last(String agentId) {
            List<PopCard> c = cards(agentId);
            return c.isEmpty() ? null : c.getLast();
        }
    }

    /**
     * A directory that answers only when the test says so (or fails, or never answers), or at
     * once by a rule of the test's.
     */
    static final class Directory implements CustomerDirectory {
        final List<CustomerQuery> queries = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CompletableFuture<Optional<Customer>> answer = new CompletableFuture<>();
        private final Function<CustomerQuery, Optional<Customer>> rule;

        Directory() {
            this(null);
        }

        Directory(Function<CustomerQuery, Optional<Customer>> rule) {
            this.rule = rule;
        }

        @Override
        public CompletionStage<Optional<Customer>> find(CustomerQuery query) {
            queries.add(query);
            threads.add(Thread.currentThread().getName());
            return rule == null ? answer : CompletableFuture.completedFuture(rule.apply(query));
        }
    }

    static Customer customer(String id) {
        return new Customer(id, "Anna Schmidt", "premium", true, "A-7", "de", "Prefers e-mail",
                Map.of("contract", "gold"));
    }

    static final PopCard.RecentCall EARLIER = new PopCard.RecentCall("n1:earlier",
            Instant.parse("2026-01-05T10:00:00Z"), "support", "Agent One", "ANSWERED", 42.5);
    static final PopCard.Ticket TICKET = new PopCard.Ticket("T-1", "Router", "open",
            Instant.parse("2026-01-05T10:05:00Z"));

    /** One call on node {@code n1}: its events' metas, views and record. */
    static final class Call {
        final String node = "n1";
        final String pbxId;
        final Instant t0 = Instant.parse("2026-02-01T09:00:00Z");
        final String callerNumber;
        String queue = "support";
        String callerName = "Anna";

        Call(String pbxId, String callerNumber) {
            this.pbxId = pbxId;
            this.callerNumber = callerNumber;
        }

        String id() {
            return node + ":" + pbxId;
        }

        /** An event {@code second}s into the call, read off the socket just now. */
        EventMeta meta(String legId, int second) {
            return new EventMeta(node, t0.plusSeconds(second), Instant.now(), pbxId, legId);
        }

        ActiveCall view(Instant answeredAt) {
            return new ActiveCall(id(), node, pbxId, answeredAt == null ? "QUEUED" : "CONNECTED", callerNumber,
                    callerName, queue, null, null, t0, t0.plusSeconds(2), answeredAt, 2);
        }

        CallRecord record() {
            return new CallRecord(id(), node, "asterisk", pbxId, Direction.INBOUND, callerNumber, "Anna", "100", queue,
                    null, null, t0, t0.plusSeconds(2), null, t0.plusSeconds(90), 0, 0, 0, Disposition.ANSWERED,
                    16, "Normal Clearing", null, List.of(), List.of(), Map.of(), new ArrayList<>());
        }
    }
}
