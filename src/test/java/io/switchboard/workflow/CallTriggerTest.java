package io.switchboard.workflow;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.Direction;
import io.switchboard.calls.Disposition;
import io.switchboard.workflow.tickets.TicketKind;
import io.switchboard.workflow.triggers.CallTrigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which ticket a finished call asks for, from its IVR data: a table, no service. */
class CallTriggerTest {

    private static final WorkflowConfig.Triggers CONFIG = new WorkflowConfig.Triggers() {
        public boolean enabled() {
            return true;
        }

        public Set<String> discountIntents() {
            return Set.of("discount", "discount request");
        }

        public Set<String> complaintIntents() {
            return Set.of("Complaint");
        }

        public String amountVariable() {
            return "AMOUNT";
        }

        public boolean vipCallback() {
            return true;
        }

        public Set<String> vipSegments() {
            return Set.of("vip");
        }

        public Set<String> unresolvedDispositions() {
            return Set.of("unresolved");
        }

        public Duration customerLookup() {
            return Duration.ofSeconds(1);
        }
    };

    @ParameterizedTest(name = "INTENT={0} AMOUNT={1} -> {2} {3}")
    @CsvSource(nullValues = "null", value = {
        "discount,         250.50, DISCOUNT,  250.50",
        "Discount Request, 99,     DISCOUNT,  99",
        "' discount ',     null,   DISCOUNT,  null",
        "discount,         -5,     DISCOUNT,  null",
        "discount,         1.234,  DISCOUNT,  null",
        "discount,         lots,   DISCOUNT,  null",
        "complaint,        null,   COMPLAINT, null",
        "billing,          100,    null,      null",
        "null,             100,    null,      null",
    })
    void intents(String intent, String amount, String kind, String expectedAmount) {
        Map<String, String> ivr = new HashMap<>();
        if (intent != null) {
            ivr.put("INTENT", intent);
        }
        if (amount != null) {
            ivr.put("AMOUNT", amount);
        }
        var wanted = CallTrigger.intent(record(Disposition.ANSWERED, ivr), CONFIG);
        if (kind == null) {
            assertThat(wanted).isEmpty();
            return;
        }
        assertThat(wanted).hasValueSatisfying(w -> {
            assertThat(w.kind()).isEqualTo(TicketKind.valueOf(kind));
            if (expectedAmount == null) {
                assertThat(w.amount()).isNull();
            } else {
                assertThat(w.amount()).isEqualByComparingTo(new BigDecimal(expectedAmount));
            }
        });
    }

    @ParameterizedTest(name = "{0} VIP={1}: abandoned {2}, VIP by IVR {3}")
    @CsvSource(nullValues = "null", value = {
        "ABANDONED, 1,     true,  true",
        "ABANDONED, yes,   true,  true",
        "ABANDONED, no,    true,  false",
        "ABANDONED, null,  true,  false",
        "ANSWERED,  true,  false, true",
        "TIMEOUT,   true,  false, true",
    })
    void abandonsAndVips(Disposition disposition, String vip, boolean abandoned, boolean vipByIvr) {
        Map<String, String> ivr = vip == null ? Map.of() : Map.of("VIP", vip);
        CallRecord r = record(disposition, ivr);
        assertThat(CallTrigger.abandoned(r)).isEqualTo(abandoned);
        assertThat(CallTrigger.vipByIvr(r)).isEqualTo(vipByIvr);
    }

    private static CallRecord record(Disposition d, Map<String, String> ivr) {
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        return new CallRecord("sim:1", "sim", "asterisk", "1", Direction.INBOUND, "0301234", "C", "100", "support",
                null, null, t, t, null, t.plusSeconds(20), 20_000, 0, 0, d, 16, null, null, List.of(), List.of(), ivr,
                List.of());
    }
}
