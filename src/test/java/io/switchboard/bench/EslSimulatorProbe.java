package io.switchboard.bench;

import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.EslSimulatorSettings;
import io.switchboard.simulator.esl.EslTrace;
import io.switchboard.simulator.esl.EslTraceRewriter;
import io.switchboard.simulator.esl.TimedEslEvent;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** How fast the simulator alone can write the capture to a raw socket that just drains it. */
public final class EslSimulatorProbe {
    public static void main(String[] args) throws Exception {
        EslSimulator sim = new EslSimulator(new EslSimulatorSettings("127.0.0.1", 0, "p"), 2_000_000).start();
        List<TimedEslEvent> capture = EslTrace.load("simulator/freeswitch/callcenter-plain.esl");
        List<TimedEslEvent> script = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            script.addAll(EslTraceRewriter.rewrite(capture));
        }
        try (Socket s = new Socket("127.0.0.1", sim.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("auth p\n\nevent plain ALL\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread drain = Thread.ofPlatform().start(() -> {
                byte[] buf = new byte[1 << 16];
                try {
                    while (in.read(buf) > 0) {
                    }
                } catch (Exception ignored) {
                }
            });
            sim.awaitEventClients(1, java.time.Duration.ofSeconds(5));
            long t0 = System.nanoTime();
            sim.play(script, PlayOptions.fullSpeed()).done().join();
            sim.awaitDrained(java.time.Duration.ofSeconds(60));
            double s2 = (System.nanoTime() - t0) / 1e9;
            System.out.printf("simulator alone: %,d events in %.2f s = %,.0f events/s%n", script.size(), s2, script.size() / s2);
        }
        System.exit(0);
    }
}
