package io.switchboard.simulator.esl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EslTraceTest {

    private static final String PLAIN = "/simulator/freeswitch/callcenter-plain.esl";
    private static final String JSON = "/simulator/freeswitch/callcenter-json.esl";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void plainCaptureLoadsEveryEventInCaptureOrder() throws IOException {
        List<TimedEslEvent> trace = EslTrace.load(PLAIN);
        assertThat(trace).hasSize(2095); // callcenter-plain.summary.txt
        assertThat(trace.get(0).offsetMicros()).isZero();
        assertThat(trace.get(0).event().eventName()).isEqualTo("API");

        // capture order, not Event-Sequence order: the sequence numbers as they appear in the file
        String text = new String(EslWireTest.resource(PLAIN), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\nEvent-Sequence: (\\d+)\n").matcher(text);
        List<String> fileOrder = m.results().map(r -> r.group(1)).toList();
        assertThat(trace).extracting(te -> te.event().header("Event-Sequence")).containsExactlyElementsOf(fileOrder);

        long last = trace.get(trace.size() - 1).offsetMicros();
        assertThat(last).isBetween(36_000_000L, 37_000_000L); // "over 36.5 s"
        assertThat(trace.stream().filter(te -> "BACKGROUND_JOB".equals(te.event().eventName()))).hasSize(15)
                .allSatisfy(te -> assertThat(te.event().body()).isNotNull());
    }

    @Test
    void jsonCaptureLoadsEveryEvent() {
        List<TimedEslEvent> trace = EslTrace.load(JSON);
        assertThat(trace).hasSize(2092); // callcenter-json.summary.txt
        assertThat(trace.get(trace.size() - 1).offsetMicros()).isBetween(33_000_000L, 34_000_000L);
        SimEvent job = trace.stream().map(TimedEslEvent::event)
                .filter(e -> "BACKGROUND_JOB".equals(e.eventName())).findFirst().orElseThrow();
        assertThat(job.body()).startsWith("+OK ").endsWith("\n");
        assertThat(job.has("Content-Length")).isFalse();
        assertThat(trace.stream().map(TimedEslEvent::event).filter(e -> e.has("variable_DP_MATCH")).findFirst()
                .orElseThrow().header("variable_DP_MATCH")).startsWith("ARRAY::");
    }

    @Test
    void callUuidsOfTheCallsTableAppearInTheTrace() throws IOException {
        Set<String> uniqueIds = new HashSet<>();
        EslTrace.load(PLAIN).forEach(te -> uniqueIds.add(te.event().uniqueId()));
        List<String> rows = new String(EslWireTest.resource("/simulator/freeswitch/callcenter-calls.tsv"),
                StandardCharsets.UTF_8).lines().skip(1).toList();
        assertThat(rows).hasSize(14).allSatisfy(row -> assertThat(uniqueIds).contains(row.split("\t")[2]));
    }

    @Test
    void rewriteGivesEveryUuidAFreshConsistentValue() {
        List<TimedEslEvent> original = EslTrace.load(PLAIN);
        List<TimedEslEvent> first = EslTraceRewriter.rewrite(original);
        List<TimedEslEvent> second = EslTraceRewriter.rewrite(original);

        Set<String> before = uuids(original);
        Set<String> a = uuids(first);
        Set<String> b = uuids(second);
        assertThat(before).hasSizeGreaterThan(50);
        assertThat(a).hasSameSizeAs(before).doesNotContainAnyElementsOf(before).doesNotContainAnyElementsOf(b);
        assertThat(b).hasSameSizeAs(before).doesNotContainAnyElementsOf(before);

        Map<String, String> mapping = new HashMap<>();
        for (int i = 0; i < original.size(); i++) {
            SimEvent o = original.get(i).event();
            SimEvent r = first.get(i).event();
            assertThat(first.get(i).offsetMicros()).isEqualTo(original.get(i).offsetMicros());
            assertThat(r.size()).isEqualTo(o.size());
            for (int h = 0; h < o.size(); h++) {
                Map.Entry<String, String> oh = o.headers().get(h);
                Map.Entry<String, String> rh = r.headers().get(h);
                assertThat(rh.getKey()).isEqualTo(oh.getKey());
                String masked = UUID.matcher(oh.getValue()).replaceAll("U");
                assertThat(UUID.matcher(rh.getValue()).replaceAll("U")).isEqualTo(masked);
                Matcher om = UUID.matcher(oh.getValue());
                Matcher rm = UUID.matcher(rh.getValue());
                while (om.find() && rm.find()) {
                    String previous = mapping.putIfAbsent(om.group(), rm.group());
                    assertThat(previous == null ? rm.group() : previous).isEqualTo(rm.group());
                }
            }
            assertThat(r.body() == null).isEqualTo(o.body() == null);
        }
        // the a-leg of a call and the job that created it still name the same (new) uuid
        SimEvent job = first.stream().map(TimedEslEvent::event)
                .filter(e -> "BACKGROUND_JOB".equals(e.eventName())).findFirst().orElseThrow();
        String newALeg = job.body().substring(4).strip();
        assertThat(first.stream().map(TimedEslEvent::event).filter(e -> newALeg.equals(e.uniqueId()))).isNotEmpty();
        assertThat(job.header("Job-Command-Arg")).contains("origination_uuid=" + newALeg);
    }

    @Test
    void rewriteCanKeepTheCoreUuid() {
        List<TimedEslEvent> original = EslTrace.load(JSON);
        String core = original.get(0).event().header("Core-UUID");
        List<TimedEslEvent> rewritten = EslTraceRewriter.rewrite(original, Set.of(core));
        assertThat(rewritten).allSatisfy(te -> assertThat(te.event().header("Core-UUID")).isEqualTo(core));
        assertThat(rewritten.get(5).event().uniqueId()).isNotEqualTo(original.get(5).event().uniqueId());
    }

    private static Set<String> uuids(List<TimedEslEvent> trace) {
        Set<String> out = new HashSet<>();
        for (TimedEslEvent te : trace) {
            for (Map.Entry<String, String> h : te.event().headers()) {
                UUID.matcher(h.getValue()).results().forEach(r -> out.add(r.group()));
            }
            if (te.event().body() != null) {
                UUID.matcher(te.event().body()).results().forEach(r -> out.add(r.group()));
            }
        }
        return out;
    }
}
