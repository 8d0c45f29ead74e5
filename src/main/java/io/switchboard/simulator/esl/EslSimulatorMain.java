package io.switchboard.simulator.esl;

import io.switchboard.simulator.PlayOptions;
import java.util.List;
import java.util.Set;

/**
 * Manual demo: an ESL simulator on a port that replays the callcenter capture in a loop, each
 * round with fresh call uuids (the capture's Core-UUID is kept, so rounds look like one switch).
 * Usage: {@code EslSimulatorMain [port] [speed] [password]}, defaults 8021, 1.0, ClueCon.
 */
public final class EslSimulatorMain {

    static final String TRACE = "/simulator/freeswitch/callcenter-plain.esl";

    private EslSimulatorMain() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8021;
        double speed = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        EslSimulatorSettings defaults = EslSimulatorSettings.defaults();
        String password = args.length > 2 ? args[2] : defaults.password();
        List<TimedEslEvent> trace = EslTrace.load(TRACE);
        Set<String> keep = Set.of(trace.get(0).event().header("Core-UUID"));
        EslSimulator simulator = new EslSimulator(new EslSimulatorSettings(defaults.bindHost(), port, password)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.printf("ESL simulator on %s:%d (password %s), %d events per round at speed %.2f; Ctrl-C stops%n",
                defaults.bindHost(), simulator.port(), password, trace.size(), speed);
        PlayOptions options = PlayOptions.realTime().withSpeed(speed);
        for (long round = 1; ; round++) {
            // held while no client listens, so a client that connects late still sees whole calls
            simulator.play(EslTraceRewriter.rewrite(trace, keep), options).done().join();
            System.out.printf("round %d done (%d logins so far)%n", round, simulator.connectionCount());
        }
    }
}
