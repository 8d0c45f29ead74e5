package io.switchboard.pbx.asterisk;

import io.switchboard.events.AgentState;
import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.pbx.PbxCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.switchboard.pbx.asterisk.AmiNode.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Resync after a (re)connect: QueueStatus members as state events, and the listeners that ask for them. */
class AmiAgentStatesTest {

    private final AmiNode node = new AmiNode();

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void queueStatusMembersComeBackAsTheStatesQueueMemberStatusWouldGive() throws Exception {
        node.start();
        node.run(new PbxCommand.QueueLogin(agent("1201"), "support", "Agent A", false));
        node.run(new PbxCommand.QueueLogin(agent("1202"), "support", "Agent B", false));
        node.run(new PbxCommand.QueueLogin(agent("1202"), "stress", "Agent B", true));
        node.run(new PbxCommand.QueuePause(agent("1202"), null, true, "lunch"));
        // the three QueueMemberAdded and two QueueMemberPause events went the plain-event way
        await().atMost(Duration.ofSeconds(5)).until(() -> node.translator.stats().translatedCount() >= 5);
        long ignoredBefore = node.translator.stats().ignoredCount();

        List<AgentStateChanged> states = node.control().agentStates(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);

        assertThat(states).extracting(AgentStateChanged::queue, AgentStateChanged::agentInterface,
                        AgentStateChanged::agentName, AgentStateChanged::state, AgentStateChanged::paused,
                        AgentStateChanged::reason)
                .containsExactly(
                        tuple("support", "PJSIP/1201", "Agent A", AgentState.AVAILABLE,
                                false, null),
                        tuple("support", "PJSIP/1202", "Agent B", AgentState.AVAILABLE,
                                true, "lunch"),
                        tuple("stress", "PJSIP/1202", "Agent B", AgentState.AVAILABLE,
                                true, "lunch"));
        assertThat(states).allSatisfy(s -> {
            assertThat(s.meta().nodeId()).isEqualTo(AmiNode.NODE);
            assertThat(s.callId()).isNull();
        });
        // QueueParams, QueueMember and QueueStatusComplete carried our ActionID: asterisk-java got them, the translator did not
        assertThat(node.translator.stats().ignoredCount()).isEqualTo(ignoredBefore);
        assertThat(node.lastAction("QueueStatus").get("ActionID")).isNotBlank();
    }

    @Test
    void aMemberInACallIsBusy() throws Exception {
        node.start();
        node.run(new PbxCommand.QueueLogin(agent("1203"), "support", "Agent C", false));
        var call = node.sim.offer("support", "5550100", "Caller", "PJSIP/1203", Map.of());
        call.answer();

        List<AgentStateChanged> states = node.control().agentStates(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);

        assertThat(states).filteredOn(s -> s.agentInterface().equals("PJSIP/1203")).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(AgentState.BUSY));
    }

    @Test
    void connectListenersRunOffTheReaderAfterEveryLoginAndCanResync() throws Exception {
        List<Boolean> onVirtualThread = new CopyOnWriteArrayList<>();
        List<List<AgentStateChanged>> resyncs = new CopyOnWriteArrayList<>();
        node.control().onConnected(() -> {
            onVirtualThread.add(Thread.currentThread().isVirtual());
            resyncs.add(node.control().agentStates(Duration.ofSeconds(5)).join());
        });
        node.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> resyncs.size() == 1);
        node.run(new PbxCommand.QueueLogin(agent("1204"), "support", "Agent D", false));

        node.sim.dropClients();

        await().atMost(Duration.ofSeconds(10)).until(() -> resyncs.size() == 2);
        assertThat(node.collector.status().connects()).isEqualTo(2);
        assertThat(onVirtualThread).containsExactly(true, true);
        assertThat(resyncs.get(0)).isEmpty();
        assertThat(resyncs.get(1)).extracting(AgentStateChanged::agentInterface).containsExactly("PJSIP/1204");
    }
}
