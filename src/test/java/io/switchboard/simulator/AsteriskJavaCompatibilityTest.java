package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client library the middleware uses must log in and receive events without special settings. */
class AsteriskJavaCompatibilityTest {

    private AmiSimulator sim;
    private ManagerConnection connection;

    @BeforeEach
    void start() {
        sim = new AmiSimulator(SimulatorSettings.defaults()).start();
        connection = new ManagerConnectionFactory("127.0.0.1", sim.port(), "switchboard", "switchboard")
                .createManagerConnection();
    }

    @AfterEach
    void stop() {
        if (connection.getState() == ManagerConnectionState.CONNECTED) {
            connection.logoff();
        }
        sim.close();
    }

    @Test
    void logsInReceivesPlayedEventsAndLogsOff() throws Exception {
        CompletableFuture<NewChannelEvent> firstNewChannel = new CompletableFuture<>();
        connection.addEventListener(event -> {
            if (event instanceof NewChannelEvent nc) {
                firstNewChannel.complete(nc);
            }
        });

        long started = System.nanoTime();
        CompletableFuture.runAsync(() -> {
            try {
                connection.login();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
        assertThat(connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
        assertThat(connection.getVersion().toString()).contains("22");
        assertThat(sim.receivedActions()).extracting(a -> a.get("Action"))
                .contains("Challenge", "Login", "CoreSettings");

        AmiTrace trace = AmiTrace.load("/simulator/asterisk/queue-calls.ami");
        Playback playback = sim.play(new TraceRewriter().rewrite(trace.frames()), PlayOptions.fullSpeed());
        NewChannelEvent nc = firstNewChannel.get(10, TimeUnit.SECONDS);
        assertThat(nc.getChannel()).startsWith("Local/s@inbound-");
        assertThat(nc.getUniqueId()).matches("\\d+\\.\\d+");
        playback.done().get(10, TimeUnit.SECONDS);

        ManagerResponse pong = connection.sendAction(new PingAction(), 5_000);
        assertThat(pong.getResponse()).isEqualTo("Success");
        ManagerResponse version = connection.sendAction(new CommandAction("core show version"), 5_000);
        assertThat(version).isInstanceOf(CommandResponse.class);
        assertThat(((CommandResponse) version).getResult()).anySatisfy(l -> assertThat(l).startsWith("Asterisk 22"));

        connection.logoff();
        assertThat(connection.getState()).isIn(ManagerConnectionState.DISCONNECTED, ManagerConnectionState.DISCONNECTING);
        assertThat(sim.receivedActions("Logoff")).hasSize(1);
    }
}
