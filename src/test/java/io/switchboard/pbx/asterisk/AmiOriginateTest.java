package io.switchboard.pbx.asterisk;

import io.switchboard.calls.ActiveCall;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.switchboard.pbx.asterisk.AmiNode.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Click-to-dial: the reply means "queued"; the call model then sees the phone connected to the number. */
class AmiOriginateTest {

    private final AmiNode node = new AmiNode().start();

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void clickToDialConnectsTheAgentsPhoneToTheDialedNumber() throws Exception {
        PbxReply reply = node.run(new PbxCommand.Originate(agent("1001"), "5551234", "outbound", "1001", "Agent One",
                Map.of("CUSTOMER_ID", "C-9")));

        assertThat(reply.success()).isTrue();
        assertThat(reply.message()).isEqualTo("Originate successfully queued");
        await().atMost(Duration.ofSeconds(15)).until(() -> node.lane.activeCalls().stream()
                .anyMatch(c -> "CONNECTED".equals(c.state())));
        ActiveCall call = node.lane.activeCalls().stream().filter(c -> "CONNECTED".equals(c.state()))
                .findFirst().orElseThrow();
        assertThat(call.callerNumber()).isEqualTo("1001");
        assertThat(call.callerName()).isEqualTo("Agent One");
        assertThat(call.legs()).isEqualTo(2);
    }
}
