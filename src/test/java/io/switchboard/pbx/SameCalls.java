package io.switchboard.pbx;

import io.switchboard.calls.CallRecord;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Two runs of a capture ended the same calls the same way: ids, disposition, end, plus what a test adds. */
public final class SameCalls {

    private SameCalls() {
    }

    /** {@code more} gets each record of {@code run} with its counterpart in {@code base}. */
    public static void assertSame(List<CallRecord> run, List<CallRecord> base, BiConsumer<CallRecord, CallRecord> more) {
        Map<String, CallRecord> expected = base.stream()
                .collect(Collectors.toMap(CallRecord::pbxCallId, Function.identity()));
        assertThat(run).extracting(CallRecord::pbxCallId).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (CallRecord r : run) {
            CallRecord x = expected.get(r.pbxCallId());
            assertThat(r.disposition()).as(r.pbxCallId()).isEqualTo(x.disposition());
            assertThat(r.endedAt()).as(r.pbxCallId()).isEqualTo(x.endedAt());
            more.accept(r, x);
        }
    }
}
