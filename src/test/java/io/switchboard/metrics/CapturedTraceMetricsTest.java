package io.switchboard.metrics;

import io.switchboard.pbx.asterisk.CapturedTrace;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.freeswitch.FreeSwitchCapture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real captures through the whole metrics path: the counters equal what the captures' own
 * queue events say (joins, agent connects, abandons, unanswered offers), and answer and wait
 * times equal the differences of the PBX's own timestamps, to the millisecond.
 */
class CapturedTraceMetricsTest {

    static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2030-01-01T00:00:00Z");

    /** Counts and sums the trace's own queue events imply. */
    static final class Implied {
        long offered, answered, abandonedOrTimedOut, ringNoAnswer, answerWaitMs;
        final Map<String, Long> joinedUs = new HashMap<>();
        final Map<String, Long> agentAnswered = new HashMap<>();
        final Map<String, Long> agentOffered = new HashMap<>();
    }

    @ParameterizedTest
    @ValueSource(strings = {"queue-calls", "queue-abandon", "agi-fastagi", "agi-noserver"})
    void asteriskCountersEqualTheTracesQueueEvents(String name) {
        CapturedTrace trace = CapturedTrace.load(name);
        MetricsHarness h = new MetricsHarness("pbx1", "asterisk", MetricsHarness.policies(0));
        Implied x = new Implied();
        for (AmiFrame f : trace.events()) {
            h.ami(f);
            long us = new BigDecimal(f.getOrDefault("Timestamp", "0")).movePointRight(6).longValue();
            switch (f.eventName()) {
                case "QueueCallerJoin" -> {
                    x.offered++;
                    x.joinedUs.put(f.get("Linkedid"), us);
                }
                case "AgentConnect" -> {
                    x.answered++;
                    x.answerWaitMs += (us - x.joinedUs.get(f.get("Linkedid"))) / 1_000; // whole ms of the difference
                    x.agentAnswered.merge(f.get("MemberName"), 1L, Long::sum);
                }
                case "AgentCalled" -> x.agentOffered.merge(f.get("MemberName"), 1L, Long::sum);
                case "QueueCallerAbandon" -> x.abandonedOrTimedOut++;
                case "AgentRingNoAnswer" -> x.ringNoAnswer++;
                default -> {
                }
            }
        }
        assertThat(h.activeCalls()).isZero();
        check(h, x);
    }

    @ParameterizedTest
    @ValueSource(strings = {"callcenter-plain", "callcenter-json"})
    void freeswitchCountersEqualTheCapturesCallcenterEvents(String name) {
        FreeSwitchCapture capture = FreeSwitchCapture.load(name);
        MetricsHarness h = new MetricsHarness("fs1", "freeswitch", MetricsHarness.policies(0));
        Implied x = new Implied();
        for (Map<String, String> e : capture.events()) {
            h.esl(e);
            String action = e.getOrDefault("CC-Action", "");
            long us = Long.parseLong(e.getOrDefault("Event-Date-Timestamp", "0"));
            String member = e.get("CC-Member-Session-UUID");
            switch (action) {
                case "member-queue-start" -> {
                    x.offered++;
                    x.joinedUs.put(member, us);
                }
                case "bridge-agent-start" -> {
                    x.answered++;
                    x.answerWaitMs += (us - x.joinedUs.get(member)) / 1_000;
                    x.agentAnswered.merge(e.get("CC-Agent"), 1L, Long::sum);
                }
                case "agent-offering" -> x.agentOffered.merge(e.get("CC-Agent"), 1L, Long::sum);
                case "bridge-agent-fail" -> x.ringNoAnswer++;
                case "member-queue-end" -> x.abandonedOrTimedOut += "Cancel".equals(e.get("CC-Cause")) ? 1 : 0;
                default -> {
                }
            }
        }
        assertThat(h.activeCalls()).isZero();
        check(h, x);
    }

    private static void check(MetricsHarness h, Implied x) {
        Reports r = h.reports(TO);
        MetricsWindow all = new MetricsWindow("range", Intervals.of(FROM), Intervals.of(TO));
        if (x.offered == 0) {
            assertThat(r.queues(all)).isEmpty();
            return;
        }
        QueueFigures f = r.queue("support", all).figures();
        assertThat(f.offered()).as("offered").isEqualTo(x.offered);
        assertThat(f.answered()).as("answered").isEqualTo(x.answered);
        assertThat(f.abandoned() + f.timeouts()).as("abandoned + timeouts").isEqualTo(x.abandonedOrTimedOut);
        assertThat(f.ringNoAnswer()).as("ring-no-answer").isEqualTo(x.ringNoAnswer);
        assertThat(f.asaMillis()).as("ASA").isEqualTo(Figures.average(x.answerWaitMs, x.answered));
        for (AgentMetrics a : r.agents(all)) {
            assertThat(a.answered()).as(a.agent() + " answered").isEqualTo(x.agentAnswered.getOrDefault(a.agent(), 0L));
            assertThat(a.offered()).as(a.agent() + " offered").isEqualTo(x.agentOffered.getOrDefault(a.agent(), 0L));
        }
        assertThat(r.agents(all)).extracting(AgentMetrics::agent).containsAll(x.agentOffered.keySet());
    }
}
