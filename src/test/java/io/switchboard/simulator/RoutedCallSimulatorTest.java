package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A routed call against a scripted FastAGI server on a real socket: what the simulated Asterisk
 * sends and answers, the AMI events it reports (as in agi-fastagi.ami) and where the call goes.
 */
class RoutedCallSimulatorTest {

    private AmiSimulator sim;
    private RawAmiClient ami;

    @BeforeEach
    void start() throws Exception {
        sim = new AmiSimulator(SimulatorSettings.defaults()).start();
        ami = new RawAmiClient(sim.port());
        ami.login("switchboard", "switchboard");
        assertThat(sim.awaitEventClients(1, Duration.ofSeconds(5))).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        ami.close();
        sim.close();
    }

    /** Serves one connection: reads the environment, sends {@code commands}, keeps the replies. */
    private static CompletableFuture<List<String>> server(ServerSocket listening, List<String> commands) {
        CompletableFuture<List<String>> seen = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            List<String> lines = new ArrayList<>();
            try (Socket s = listening.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    lines.add(line);
                }
                lines.add("");
                for (String c : commands) {
                    out.write((c + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lines.add("< " + in.readLine());
                }
                seen.complete(lines);
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        return seen;
    }

    private List<AmiFrame> eventsUntil(String name, String header, String value) throws InterruptedException {
        List<AmiFrame> out = new ArrayList<>();
        while (true) {
            AmiFrame f = ami.next();
            if (f.isEvent()) {
                out.add(f);
                if (name.equals(f.eventName()) && value.equals(f.get(header))) {
                    return out;
                }
            }
        }
    }

    private static String describe(AmiFrame f) {
        return switch (f.eventName()) {
            case "Newexten" -> "Newexten " + f.get("Context") + "," + f.get("Exten") + "," + f.get("Priority") + " "
                    + f.get("Application") + "(" + f.get("AppData") + ")";
            case "VarSet" -> "VarSet " + f.get("Variable") + "=" + f.get("Value");
            case "AGIExecStart" -> "AGIExecStart " + f.get("Command");
            case "AGIExecEnd" -> "AGIExecEnd " + f.get("Command") + " " + f.get("ResultCode") + " " + f.get("Result");
            case "QueueCallerJoin" -> "QueueCallerJoin " + f.get("Queue");
            default -> f.eventName();
        };
    }

    @Test
    void routeIntoAQueueAsAsteriskReportsIt() throws Exception {
        try (ServerSocket listening = new ServerSocket(0)) {
            CompletableFuture<List<String>> seen = server(listening, List.of("GET VARIABLE CHANNEL(linkedid)",
                    "SET VARIABLE ROUTE \"queues,sales,1\""));
            sim.agiRouting(AgiRouting.defaults().withServer("127.0.0.1", listening.getLocalPort()));

            RoutedCall call = sim.routedCall("555500", "AGI 0", "800100",
                    Map.of("CUSTOMER_ID", "1000", "CALL_TYPE", "support"), "PJSIP/7001");
            RoutedCall.Outcome out = call.outcome().get(10, TimeUnit.SECONDS);

            assertThat(out).isEqualTo(new RoutedCall.Outcome("SUCCESS", "queues,sales,1", false, "sales", "queues",
                    List.of("GET VARIABLE CHANNEL(linkedid)", "SET VARIABLE ROUTE \"queues,sales,1\"")));
            List<String> wire = seen.get(10, TimeUnit.SECONDS);
            assertThat(wire.getFirst()).isEqualTo("agi_network: yes");
            assertThat(wire).contains("agi_network_script: route", "agi_request: agi://127.0.0.1:"
                            + listening.getLocalPort() + "/route", "agi_channel: " + call.callerChannel(),
                    "agi_callerid: 555500", "agi_calleridname: AGI 0", "agi_dnid: 800100", "agi_context: agi-route",
                    "agi_extension: s", "agi_priority: 7", "agi_arg_1: 1000", "agi_arg_2: support");
            assertThat(wire.subList(wire.indexOf(""), wire.size())).containsExactly("",
                    "< 200 result=1 (" + call.callId() + ")", "< 200 result=1");
            assertThat(call.queueCall().state()).isEqualTo(InteractiveCall.State.RINGING);
        }
        List<String> events = eventsUntil("QueueCallerJoin", "Queue", "sales").stream()
                .map(RoutedCallSimulatorTest::describe).toList();
        assertThat(events).containsSubsequence(
                "Newexten agi-route,s,6 Set(ROUTE=)",
                "VarSet ROUTE=",
                "Newexten agi-route,s,7 AGI(agi://127.0.0.1:" + sim.agiRouting().port() + "/route,1000,support)",
                "AGIExecStart GET VARIABLE CHANNEL(linkedid)",
                "AGIExecEnd GET VARIABLE CHANNEL(linkedid) 200 Success",
                "AGIExecStart SET VARIABLE ROUTE \"queues,sales,1\"",
                "VarSet ROUTE=queues,sales,1",
                "AGIExecEnd SET VARIABLE ROUTE \"queues,sales,1\" 200 Success",
                "VarSet AGISTATUS=SUCCESS",
                "Newexten agi-route,s,8 NoOp(AGISTATUS=SUCCESS ROUTE=queues,sales,1)",
                "Newexten agi-route,s,9 GotoIf(0?fallback)",
                "Newexten agi-route,s,10 Goto(queues,sales,1)",
                "Newexten queues,sales,1 Queue(sales,t,,,60)",
                "QueueCallerJoin sales");
        assertThat(events).noneMatch(e -> e.contains("ROUTE_FALLBACK"));
    }

    @Test
    void noServerFallsBackToSupport() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        sim.agiRouting(AgiRouting.defaults().withServer("127.0.0.1", closed));

        RoutedCall call = sim.routedCall("555501", "AGI 1", Map.of());
        RoutedCall.Outcome out = call.outcome().get(10, TimeUnit.SECONDS);

        assertThat(out).isEqualTo(new RoutedCall.Outcome("FAILURE", null, true, "support", "inbound", List.of()));
        List<String> events = eventsUntil("QueueCallerJoin", "Queue", "support").stream()
                .map(RoutedCallSimulatorTest::describe).toList();
        assertThat(events).containsSubsequence(
                "Newexten agi-route,s,7 AGI(agi://127.0.0.1:" + closed + "/route,4711,support)",
                "VarSet AGISTATUS=FAILURE",
                "Newexten agi-route,s,8 NoOp(AGISTATUS=FAILURE ROUTE=)",
                "Newexten agi-route,s,9 GotoIf(1?fallback)",
                "VarSet ROUTE_FALLBACK=yes",
                "Newexten agi-route,s,12 Goto(inbound,s,1)",
                "Newexten inbound,s,6 Queue(support,t,,,60)",
                "QueueCallerJoin support");
        assertThat(events).noneMatch(e -> e.startsWith("AGIExec"));
        assertThat(call.queueCall().state()).isEqualTo(InteractiveCall.State.WAITING);
        assertThat(call.hangupCaller()).isTrue();
    }

    @Test
    void anotherPlacePlaysAndHangsUpWithoutAQueue() throws Exception {
        sim.agiRouting(AgiRouting.defaults().withDivertPlay(Duration.ofMillis(100)));
        try (ServerSocket listening = new ServerSocket(0)) {
            server(listening, List.of("SET VARIABLE \"ROUTE\" \"smart-ivr,s,1\""));
            sim.agiRouting(sim.agiRouting().withServer("127.0.0.1", listening.getLocalPort()));

            RoutedCall call = sim.routedCall("555502", "AGI 2", Map.of("INTENT", "billing"));
            RoutedCall.Outcome out = call.outcome().get(10, TimeUnit.SECONDS);

            assertThat(out.queue()).isNull();
            assertThat(out.context()).isEqualTo("smart-ivr");
            assertThat(call.queueCall()).isNull();
        }
        List<String> events = eventsUntil("Hangup", "Cause", "16").stream()
                .map(RoutedCallSimulatorTest::describe).toList();
        assertThat(events).containsSubsequence("VarSet INTENT=billing", "VarSet ROUTE=smart-ivr,s,1",
                "Newexten smart-ivr,s,1 Playback(custom/smart-ivr)", "Newexten smart-ivr,s,2 Hangup()", "Hangup");
        assertThat(events).noneMatch(e -> e.startsWith("QueueCallerJoin"));
    }
}
