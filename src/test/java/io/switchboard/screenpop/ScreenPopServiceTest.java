package io.switchboard.screenpop;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.agents.AgentRef;
import io.switchboard.events.CallEvent.AgentCompleted;
import io.switchboard.events.CallEvent.AgentConnected;
import io.switchboard.events.CallEvent.AgentOffered;
import io.switchboard.events.CallEvent.AgentRingNoAnswer;
import io.switchboard.events.CallEvent.BlindTransferred;
import io.switchboard.events.CallEvent.CallerIdUpdated;
import io.switchboard.events.CallEvent.IvrData;
import io.switchboard.events.CallEvent.LegHeld;
import io.switchboard.events.CallEvent.LegUnheld;
import io.switchboard.events.CallEvent.QueueJoined;
import io.switchboard.screenpop.PopCard.CustomerStatus;
import io.switchboard.screenpop.PopCard.Status;
import io.switchboard.screenpop.PopFakes.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The card's life on one call: first card at once, enrichment after it, updates, memory. */
class ScreenPopServiceTest {

    private static final AgentRef ANNA = new AgentRef("agent-7", "Anna Agent", "acme");
    private static final AgentRef BEN = new AgentRef("agent-8", "Ben Agent", "acme");
    private static final String ANNA_IF = "PJSIP/7001";
    private static final String BEN_IF = "PJSIP/7002";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PopFakes.Push push = new PopFakes.Push();
    private final PopFakes.Directory directory = new PopFakes.Directory();
    private final List<String> historyThreads = new CopyOnWriteArrayList<>();
    private PopFakes.Agents agents = PopFakes.Agents.of(ANNA_IF, ANNA);
    private RecentCalls recentCalls = (tenant, number, callId) -> {
        historyThreads.add(Thread.currentThread().getName());
        return List.of(PopFakes.EARLIER);
    };
    private OpenTickets tickets = (tenant, number, customerId) -> List.of(PopFakes.TICKET);
    private ScreenPopService service;

    private ScreenPopService service(Duration deadline, int maxCalls) {
        agents.byInterface.put(BEN_IF, BEN);
        service = new ScreenPopService(agents, push, directory, recentCalls, tickets,
                QueueTenants.single("default"), registry,
                new ScreenPopService.Settings(true, deadline, 16, maxCalls, Duration.ofHours(4)));
        return service;
    }

    private ScreenPopService service() {
        return service(Duration.ofSeconds(5), 1_000);
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    /** IVR data, then the offer to Anna; the view is the call model's state after the offer. */
    private void offer(ScreenPopService s, Call c, String agentInterface, String agentLeg, int second) {
        s.onEvent(new IvrData(c.meta("caller", 1), "INTENT", "billing"), c.pbxId, c.view(null));
        s.onEvent(new IvrData(c.meta("caller", 1), "CUSTOMER_ID", "C-1001"), c.pbxId, c.view(null));
        s.onEvent(new QueueJoined(c.meta("caller", 2), c.queue, 1), c.pbxId, c.view(null));
        s.onEvent(new AgentOffered(c.meta("caller", second), c.queue, agentInterface, "Agent", agentLeg), c.pbxId,
                c.view(null));
    }

    @Test
    void theFirstCardGoesOutAtOnceAndTheEnrichedOneWhenTheDirectoryAnswers() {
        ScreenPopService s = service();
        Call c = new Call("1001.1", "030123456");
        offer(s, c, ANNA_IF, "agent-leg", 14);

        // the directory has not answered: the first card is already there, bare
        assertThat(push.pushed).hasSize(1);
        PopFakes.Pushed first = push.pushed.getFirst();
        assertThat(first.type()).isEqualTo("card");
        assertThat(first.field()).isEqualTo("card");
        assertThat(first.agentId()).isEqualTo("agent-7");
        PopCard card = first.card();
        assertThat(card.callId()).isEqualTo("n1:1001.1");
        assertThat(card.node()).isEqualTo("n1");
        assertThat(card.seq()).isEqualTo(1);
        assertThat(card.status()).isEqualTo(Status.RINGING);
        assertThat(card.callerNumber()).isEqualTo("030123456");
        assertThat(card.queue()).isEqualTo("support");
        assertThat(card.queuedAt()).isEqualTo(c.t0.plusSeconds(2));
        assertThat(card.offeredAt()).isEqualTo(c.t0.plusSeconds(14));
        assertThat(card.waitSeconds()).isEqualTo(12.0);
        assertThat(card.ivr().variables()).containsExactly(Map.entry("INTENT", "billing"),
                Map.entry("CUSTOMER_ID", "C-1001"));
        assertThat(card.ivr().intent()).isEqualTo("billing");
        assertThat(card.ivr().customerId()).isEqualTo("C-1001");
        assertThat(card.customerStatus()).isEqualTo(CustomerStatus.PENDING);
        assertThat(card.customer()).isNull();
        assertThat(card.recentCalls()).isEmpty();
        assertThat(card.enriched()).isFalse();

        await().atMost(5, TimeUnit.SECONDS).until(() -> !directory.queries.isEmpty());
        assertThat(directory.queries.getFirst())
                .isEqualTo(new CustomerQuery("acme", "030123456", "C-1001", null));
        assertThat(push.pushed).hasSize(1);

        directory.answer.complete(Optional.of(PopFakes.customer("C-1001")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> push.pushed.size() == 2);
        PopCard enriched = push.last("agent-7");
        assertThat(enriched.seq()).isEqualTo(2);
        assertThat(enriched.status()).isEqualTo(Status.RINGING);
        assertThat(enriched.customerStatus()).isEqualTo(CustomerStatus.FOUND);
        assertThat(enriched.customer().name()).isEqualTo("Anna Schmidt");
        assertThat(enriched.recentCalls()).containsExactly(PopFakes.EARLIER);
        assertThat(enriched.openTickets()).containsExactly(PopFakes.TICKET);
        assertThat(enriched.enriched()).isTrue();

        // lookups ran off the lane thread (the test's)
        String lane = Thread.currentThread().getName();
        assertThat(directory.threads).doesNotContain(lane);
        assertThat(historyThreads).isNotEmpty().doesNotContain(lane);
        assertThat(registry.get("switchboard.screenpop.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("switchboard.screenpop.directory").tag("outcome", "found").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("switchboard.screenpop.enrichment.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void aFailingDirectoryGivesUnavailableAndTheRestStillArrives() {
        ScreenPopService s = service();
        directory.answer.completeExceptionally(new DirectoryException("boom"));
        offer(s, new Call("1002.1", "030111"), ANNA_IF, null, 5);

        await().atMost(5, TimeUnit.SECONDS).until(() -> push.pushed.size() == 2);
        PopCard card = push.last("agent-7");
        assertThat(card.customerStatus()).isEqualTo(CustomerStatus.UNAVAILABLE);
        assertThat(card.customer()).isNull();
        assertThat(card.recentCalls()).containsExactly(PopFakes.EARLIER);
        assertThat(card.openTickets()).containsExactly(PopFakes.TICKET);
        assertThat(card.enriched()).isTrue();
        assertThat(registry.get("switchboard.screenpop.directory").tag("outcome", "error").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aDirectoryThatNeverAnswersIsGivenUpAtTheDeadline() {
        ScreenPopService s = service(Duration.ofMillis(300), 1_000);
        long start = System.nanoTime();
        offer(s, new Call("1003.1", "030222"), ANNA_IF, null, 5);

        await().atMost(5, TimeUnit.SECONDS).until(() -> push.pushed.size() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        PopCard card = push.last("agent-7");
        assertThat(card.customerStatus()).isEqualTo(CustomerStatus.UNAVAILABLE);
        assertThat(card.recentCalls()).containsExactly(PopFakes.EARLIER);
        assertThat(registry.get("switchboard.screenpop.directory").tag("outcome", "timeout").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aSlowHistoryIsLeftOutWhileTheCustomerArrives() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        recentCalls = (tenant, number, callId) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(PopFakes.EARLIER);
        };
        ScreenPopService s = service(Duration.ofMillis(300), 1_000);
        directory.answer.complete(Optional.empty());
        offer(s, new Call("1004.1", "030333"), ANNA_IF, null, 5);

        await().atMost(5, TimeUnit.SECONDS).until(() -> push.pushed.size() == 2);
        release.countDown();
        PopCard card = push.last("agent-7");
        assertThat(card.customerStatus()).isEqualTo(CustomerStatus.NOT_FOUND);
        assertThat(card.recentCalls()).isEmpty();
        assertThat(card.openTickets()).containsExactly(PopFakes.TICKET);
        assertThat(registry.get("switchboard.screenpop.enrichment.failures").tag("part", "recent_calls")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void theCardFollowsTheCallThroughConnectHoldTransferAndEnd() {
        ScreenPopService s = service();
        directory.answer.complete(Optional.empty());
        Call c = new Call("1005.1", "030444");
        offer(s, c, ANNA_IF, "agent-leg", 10);
        await().atMost(5, TimeUnit.SECONDS).until(() -> push.pushed.size() == 2);

        s.onEvent(new AgentConnected(c.meta("caller", 13), c.queue, ANNA_IF, "Anna", "agent-leg", 11, 3), c.pbxId,
                c.view(c.t0.plusSeconds(13)));
        assertThat(push.last("agent-7").status()).isEqualTo(Status.TALKING);
        assertThat(push.last("agent-7").answeredAt()).isEqualTo(c.t0.plusSeconds(13));
        assertThat(push.last("agent-7").customerStatus()).isEqualTo(CustomerStatus.NOT_FOUND);

        s.onEvent(new LegHeld(c.meta("caller", 20)), c.pbxId, c.view(c.t0.plusSeconds(13)));
        assertThat(push.last("agent-7").status()).isEqualTo(Status.HELD);
        s.onEvent(new LegUnheld(c.meta("caller", 30)), c.pbxId, c.view(c.t0.plusSeconds(13)));
        assertThat(push.last("agent-7").status()).isEqualTo(Status.TALKING);

        c.callerName = "Anna Schmidt";
        s.onEvent(new CallerIdUpdated(c.meta("caller", 31), "030444", "Anna Schmidt"), c.pbxId,
                c.view(c.t0.plusSeconds(13)));
        assertThat(push.last("agent-7").callerName()).isEqualTo("Anna Schmidt");
        assertThat(push.last("agent-7").status()).isEqualTo(Status.TALKING);
        s.onEvent(new BlindTransferred(c.meta("phone-leg", 40), "caller", "sales", "2000", true), c.pbxId,
                c.view(c.t0.plusSeconds(13)));
        PopCard transferred = push.last("agent-7");
        assertThat(transferred.status()).isEqualTo(Status.TRANSFERRED);
        assertThat(transferred.transferredTo()).isEqualTo("2000@sales");

        int before = push.pushed.size();
        s.onEvent(new AgentCompleted(c.meta("caller", 41), c.queue, ANNA_IF, "Anna", 11, 27, "transfer"), c.pbxId,
                c.view(c.t0.plusSeconds(13)));
        s.onRecord(c.record());
        assertThat(push.pushed).hasSize(before); // a transferred card stays transferred

        List<Long> seqs = push.cards("agent-7").stream().map(PopCard::seq).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(s.trackedCalls()).isZero();
    }

    @Test
    void aRingNoAnswerIsMissedAndTheNextAgentGetsTheEnrichedCardAtOnce() {
        ScreenPopService s = service();
        directory.answer.complete(Optional.of(PopFakes.customer("C-1001")));
        Call c = new Call("1006.1", "030555");
        offer(s, c, ANNA_IF, "leg-a", 8);
        await().atMost(5, TimeUnit.SECONDS).until(() -> push.cards("agent-7").size() == 2);

        s.onEvent(new AgentRingNoAnswer(c.meta("caller", 23), c.queue, ANNA_IF, "Anna", "leg-a", 15_000), c.pbxId,
                c.view(null));
        assertThat(push.last("agent-7").status()).isEqualTo(Status.MISSED);

        s.onEvent(new AgentOffered(c.meta("caller", 25), c.queue, BEN_IF, "Ben", "leg-b"), c.pbxId, c.view(null));
        List<PopCard> ben = push.cards("agent-8");
        assertThat(ben).hasSize(1);
        assertThat(ben.getFirst().enriched()).isTrue();
        assertThat(ben.getFirst().customer().id()).isEqualTo("C-1001");
        assertThat(ben.getFirst().waitSeconds()).isEqualTo(23.0);
        assertThat(directory.queries).hasSize(1); // one enrichment per call

        s.onEvent(new AgentConnected(c.meta("caller", 27), c.queue, BEN_IF, "Ben", "leg-b", 25, 2), c.pbxId,
                c.view(c.t0.plusSeconds(27)));
        s.onRecord(c.record());
        assertThat(push.last("agent-8").status()).isEqualTo(Status.ENDED);
        assertThat(push.last("agent-7").status()).isEqualTo(Status.MISSED);
        assertThat(s.trackedCalls()).isZero();
    }

    @Test
    void whenOneAgentAnswersTheOthersRingingCardsEnd() {
        ScreenPopService s = service();
        directory.answer.complete(Optional.empty());
        Call c = new Call("1007.1", "030666");
        offer(s, c, ANNA_IF, "leg-a", 8);
        s.onEvent(new AgentOffered(c.meta("caller", 8), c.queue, BEN_IF, "Ben", "leg-b"), c.pbxId, c.view(null));
        s.onEvent(new AgentConnected(c.meta("caller", 10), c.queue, BEN_IF, "Ben", "leg-b", 8, 2), c.pbxId,
                c.view(c.t0.plusSeconds(10)));
        assertThat(push.last("agent-8").status()).isEqualTo(Status.TALKING);
        assertThat(push.last("agent-7").status()).isEqualTo(Status.ENDED);
        s.onRecord(c.record());
    }

    @Test
    void aCustomerIdThatArrivesAfterTheOfferIsLookedUpAgain() {
        PopFakes.Directory byId = new PopFakes.Directory(q -> Optional.ofNullable(q.customerId())
                .map(PopFakes::customer));
        service = new ScreenPopService(agents, push, byId, recentCalls, tickets, QueueTenants.single("default"),
                registry, new ScreenPopService.Settings(true, Duration.ofSeconds(5), 16, 100, Duration.ofHours(4)));
        Call c = new Call("1009.1", "030123");
        service.onEvent(new AgentOffered(c.meta("caller", 5), c.queue, ANNA_IF, "Anna", "leg"), c.pbxId,
                c.view(null));
        await().atMost(5, TimeUnit.SECONDS).until(() -> push.last("agent-7").enriched());
        assertThat(push.last("agent-7").customerStatus()).isEqualTo(CustomerStatus.NOT_FOUND);

        service.onEvent(new IvrData(c.meta("member-leg", 6), "INTENT", "billing"), c.pbxId, c.view(null));
        assertThat(push.last("agent-7").ivr().intent()).isEqualTo("billing");
        assertThat(byId.queries).hasSize(1); // nothing new to look up by

        service.onEvent(new IvrData(c.meta("member-leg", 6), "CUSTOMER_ID", "C-42"), c.pbxId, c.view(null));
        await().atMost(5, TimeUnit.SECONDS).until(() -> push.last("agent-7").customerStatus() == CustomerStatus.FOUND);
        assertThat(push.last("agent-7").customer().id()).isEqualTo("C-42");
        assertThat(push.last("agent-7").ivr().customerId()).isEqualTo("C-42");
        assertThat(byId.queries).extracting(CustomerQuery::customerId).containsExactly(null, "C-42");
    }

    @Test
    void anOfferToAnAgentNobodyKnowsIsDroppedAndCounted() {
        agents = PopFakes.Agents.of("PJSIP/other", ANNA);
        ScreenPopService s = service();
        Call c = new Call("1008.1", "030777");
        s.onEvent(new AgentOffered(c.meta("caller", 5), c.queue, "PJSIP/9999", "Nobody", null), c.pbxId,
                c.view(null));
        assertThat(push.pushed).isEmpty();
        assertThat(directory.queries).isEmpty();
        assertThat(s.trackedCalls()).isZero();
        assertThat(registry.get("switchboard.screenpop.dropped").tag("reason", "unknown_agent").counter().count())
                .isEqualTo(1);
    }

    @Test
    void callsAreForgottenWhenTheyEndAndBeyondTheLimit() {
        ScreenPopService s = service(Duration.ofSeconds(5), 3);
        directory.answer.complete(Optional.empty());
        // IVR data of calls never offered to anyone is kept until their record arrives
        Call quiet = new Call("2000.1", "030888");
        s.onEvent(new IvrData(quiet.meta("caller", 1), "LANGUAGE", "fr"), quiet.pbxId, quiet.view(null));
        assertThat(s.trackedCalls()).isEqualTo(1);
        s.onRecord(quiet.record());
        assertThat(s.trackedCalls()).isZero();

        Call offered = new Call("2001.1", "030999");
        offer(s, offered, ANNA_IF, "leg", 5);
        for (int i = 2; i <= 5; i++) {
            Call other = new Call("200" + i + ".1", "0301000" + i);
            s.onEvent(new IvrData(other.meta("caller", 1), "LANGUAGE", "de"), other.pbxId, other.view(null));
        }
        assertThat(s.trackedCalls()).isEqualTo(3);
        // the eldest (the offered call) was forgotten and its open card ended
        await().atMost(5, TimeUnit.SECONDS).until(() -> push.last("agent-7").status() == Status.ENDED);
    }

    @Test
    void anAgentWithoutTenantLooksUpInTheTenantOfTheQueue() {
        agents = PopFakes.Agents.of(ANNA_IF, new AgentRef("agent-9", "Cleo", null));
        service = new ScreenPopService(agents, push, directory, recentCalls, tickets,
                new QueueTenants("default", Map.of("support", "acme")), registry,
                new ScreenPopService.Settings(true, Duration.ofSeconds(5), 16, 100, Duration.ofHours(4)));
        offer(service, new Call("3000.1", "0301"), ANNA_IF, null, 5);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !directory.queries.isEmpty());
        assertThat(directory.queries.getFirst().tenant()).isEqualTo("acme");
    }

    @Test
    void beyondTheConcurrencyLimitTheCardComesWithoutEnrichment() {
        service = new ScreenPopService(agents, push, directory, recentCalls, tickets, QueueTenants.single("default"),
                registry, new ScreenPopService.Settings(true, Duration.ofSeconds(5), 1, 100, Duration.ofHours(4)));
        offer(service, new Call("4000.1", "0302"), ANNA_IF, null, 5); // holds the one permit: no answer yet
        offer(service, new Call("4001.1", "0303"), ANNA_IF, null, 5);

        List<PopCard> cards = push.cards("agent-7");
        assertThat(cards).extracting(PopCard::callId).containsExactly("n1:4000.1", "n1:4001.1", "n1:4001.1");
        assertThat(cards.get(2).enriched()).isTrue();
        assertThat(cards.get(2).customerStatus()).isEqualTo(CustomerStatus.UNAVAILABLE);
        assertThat(cards.get(2).recentCalls()).isEmpty();
        assertThat(registry.get("switchboard.screenpop.enrichment.rejected").counter().count()).isEqualTo(1);
        directory.answer.complete(Optional.empty());
        await().atMost(5, TimeUnit.SECONDS).until(() -> push.cards("agent-7").size() == 4);
    }

    @Test
    void aFailingPushIsCountedAndDoesNotReachTheLane() {
        ScreenPopService s = new ScreenPopService(agents, (agent, type, field, payload) -> {
            throw new IllegalStateException("desktop gone");
        }, directory, recentCalls, tickets, QueueTenants.single("default"), registry,
                new ScreenPopService.Settings(true, Duration.ofSeconds(5), 16, 100, Duration.ofHours(4)));
        service = s;
        offer(s, new Call("5000.1", "0304"), ANNA_IF, null, 5);
        assertThat(registry.get("switchboard.screenpop.dropped").tag("reason", "push_failed").counter().count())
                .isEqualTo(1);
        CompletableFuture.runAsync(() -> directory.answer.complete(Optional.empty())).join();
    }
}
