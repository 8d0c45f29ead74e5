package io.switchboard.simulator.esl;

import io.switchboard.simulator.ScenarioSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's {@code socket} application on raw bytes, as a routing server sees it (the
 * shape of {@code socket-outbound-server.esl}), and the channel events its inbound clients get.
 */
class EslRoutedCallTest {

    private EslSimulator sim;
    private RawEslClient events;
    private ServerSocket server;

    @BeforeEach
    void start() throws Exception {
        sim = new EslSimulator(EslSimulatorSettings.defaults()).start();
        events = RawEslClient.authenticated(sim.port(), "ClueCon");
        events.command("event plain CHANNEL_EXECUTE CHANNEL_EXECUTE_COMPLETE CHANNEL_HANGUP_COMPLETE");
        server = new ServerSocket(0);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        events.close();
        sim.close();
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void answersLikeFreeSwitchAndFollowsTheRouteItWasGiven() throws Exception {
        EslRoutedCall call = sim.routedCall("127.0.0.1", server.getLocalPort(), "route",
                ScenarioSpec.abandoned("5550900", "Ann", 500));
        try (Socket s = server.accept()) {
            s.setSoTimeout(5_000);
            EslFrameReader in = new EslFrameReader(new BufferedInputStream(s.getInputStream()));
            OutputStream out = s.getOutputStream();

            send(out, "connect");
            EslFrame data = in.next();
            assertThat(data.firstLine()).isEqualTo("Event-Name: CHANNEL_DATA");
            assertThat(data.contentType()).isEqualTo("command/reply");
            assertThat(data.header("Reply-Text")).isEqualTo("%2BOK%0A");
            assertThat(data.header("Socket-Mode")).isEqualTo("async");
            assertThat(data.header("Control")).isEqualTo("full");
            assertThat(data.header("Unique-ID")).isEqualTo(call.channel());
            assertThat(data.header("variable_other_loopback_leg_uuid")).isEqualTo(call.callId());
            assertThat(data.header("variable_current_application")).isEqualTo("socket");
            assertThat(data.header("variable_switchboard_route")).isEqualTo("support%20XML%20queues");

            send(out, "linger");
            assertThat(in.next().header("Reply-Text")).isEqualTo("+OK will linger");
            send(out, "api uuid_setvar " + call.channel() + " switchboard_route s XML chat-offer");
            EslFrame setvar = in.next();
            assertThat(setvar.contentType()).isEqualTo("api/response");
            assertThat(setvar.bodyText()).isEqualTo("+OK\n");
            send(out, "api uuid_setvar no-such-uuid x y");
            assertThat(in.next().bodyText()).isEqualTo("-ERR No such channel!\n");
            send(out, "exit");
            assertThat(in.next().header("Reply-Text")).isEqualTo("+OK bye");
            EslFrame notice = in.next();
            assertThat(notice.contentType()).isEqualTo("text/disconnect-notice");
            assertThat(notice.header("Controlled-Session-UUID")).isEqualTo(call.channel());
            assertThat(notice.header("Content-Disposition")).isEqualTo("linger");
            InputStream raw = s.getInputStream();
            assertThat(raw.read()).isEqualTo(-1);
        }
        call.done().get(10, TimeUnit.SECONDS);

        assertThat(call.outcome()).isEqualTo(EslRoutedCall.Outcome.DIVERTED);
        assertThat(call.context()).isEqualTo("chat-offer");
        assertThat(call.socketCommands()).containsExactly("connect", "linger",
                "api uuid_setvar " + call.channel() + " switchboard_route s XML chat-offer",
                "api uuid_setvar no-such-uuid x y", "exit");
        SimEvent execute = events.nextEvent("CHANNEL_EXECUTE");
        assertThat(execute.header("Application")).isEqualTo("socket");
        assertThat(execute.header("Application-Data")).isEqualTo("127.0.0.1:" + server.getLocalPort() + " async full");
        SimEvent complete = events.nextEvent("CHANNEL_EXECUTE_COMPLETE");
        assertThat(complete.header("Application")).isEqualTo("socket");
        assertThat(complete.header("Application-Response")).isEqualTo("_none_");
        assertThat(complete.header("Application-UUID")).isEqualTo(execute.header("Application-UUID"));
        assertThat(complete.header("variable_switchboard_route")).isEqualTo("s XML chat-offer");
        SimEvent hangup = events.nextEvent("CHANNEL_HANGUP_COMPLETE");
        assertThat(hangup.header("Caller-Context")).isEqualTo("chat-offer");
    }

    @Test
    void withNothingListeningTheSocketAppReturnsAtOnceAndTheDefaultQueueApplies() throws Exception {
        int port = server.getLocalPort();
        server.close();

        EslRoutedCall call = sim.routedCall("127.0.0.1", port, "route", ScenarioSpec.abandoned("5550901", "Bo", 500));
        call.done().get(10, TimeUnit.SECONDS);

        assertThat(call.connected()).isFalse();
        assertThat(call.outcome()).isEqualTo(EslRoutedCall.Outcome.QUEUED);
        assertThat(call.queue()).isEqualTo("support");
        assertThat(events.nextEvent("CHANNEL_EXECUTE_COMPLETE").header("Application")).isEqualTo("socket");
    }
}
