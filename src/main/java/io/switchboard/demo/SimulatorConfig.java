package io.switchboard.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** {@code switchboard.simulator.*}: the built-in AMI simulator (on by default in dev mode). */
@ConfigMapping(prefix = "switchboard.simulator")
public interface SimulatorConfig {

    @WithDefault("false")
    boolean enabled();

    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("15038")
    int port();

    @WithDefault("switchboard")
    String username();

    /** Demo credential of the simulator only; real nodes take theirs from switchboard.pbx.* */
    @WithDefault("switchboard-demo")
    String secret();

    /** Synthetic queue calls started per second (0 = none). */
    @WithDefault("0.5")
    double callsPerSecond();

    /** Random seed of the synthetic call mix, so a demo run can be repeated. */
    @WithDefault("42")
    long seed();

    /** Also replay the real captured Asterisk traces (with fresh ids) now and then. */
    @WithDefault("true")
    boolean replayTraces();

    @WithDefault("90s")
    Duration replayEvery();

    @WithDefault("simulator/asterisk/queue-calls.ami,simulator/asterisk/queue-abandon.ami,simulator/asterisk/agi-noserver.ami,simulator/asterisk/agi-fastagi.ami")
    List<String> traces();

    /** FastAGI routing server the simulated {@code [agi-route]} dialplan calls (normally the service's own). */
    @WithDefault("127.0.0.1")
    String agiHost();

    @WithDefault("4573")
    int agiPort();

    /** Synthetic mod_callcenter calls per second on the event socket simulator (0 = none). */
    @WithDefault("0.2")
    double eslCallsPerSecond();

    /** Port of the FreeSWITCH event socket simulator (0 = do not start it). */
    @WithDefault("18021")
    int eslPort();

    /** Demo event socket password of the simulator only. */
    @WithDefault("ClueCon")
    String eslPassword();

    /** Real FreeSWITCH captures replayed (with fresh uuids) on the event socket simulator. */
    @WithDefault("simulator/freeswitch/callcenter-plain.esl")
    List<String> eslTraces();

    /**
     * With the simulator: create demo agents (agent1..agent4, a supervisor) and their users when
     * there are no users yet, and print the demo logins.
     */
    @WithDefault("true")
    boolean demoAgents();

    /**
     * How often an available demo agent (logged in on the Asterisk simulator) is offered a call
     * that waits for the desktop: answered, held, transferred and ended through call control.
     * 0 = never.
     */
    @WithDefault("20s")
    java.time.Duration deskCallEvery();

    /**
     * For the control console: a call through the routing dialplans (FastAGI on the Asterisk
     * simulator, the outbound event socket on the FreeSWITCH one, in turn) this often; 0 = never.
     */
    @WithDefault("0s")
    java.time.Duration routedCallEvery();
}
