package io.switchboard.simulator.esl;

import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * A call whose dialplan asks a routing server where to go, as the shipped FreeSWITCH dialplan
 * does: {@code set switchboard_route=<default queue> XML queues}, {@code socket host:port async full},
 * {@code transfer ${switchboard_route}}. The caller (a loopback pair, as in the captures) arrives,
 * the {@code socket} application talks to the server ({@link EslSocketApp}), then the call follows
 * the route: into a mod_callcenter queue ({@code <queue> XML queues}: the rest is a generated queue
 * call, {@link EslQueueCall}, so records and metrics come out as for any queue call) or to any other
 * context (a self-service place), where a prompt plays and the caller hangs up. Runs on a virtual
 * thread; {@link #done()} completes once the last event is sent.
 */
public final class EslRoutedCall {

    /** Where the dialplan sent the call. */
    public enum Outcome { QUEUED, DIVERTED }

    public static final String ROUTE_VARIABLE = "switchboard_route";
    public static final String QUEUE_CONTEXT = "queues";
    static final String PROMPT = "tone_stream://%(400,200,523,659);loops=-1";

    private final EslSimulator sim;
    private final ScenarioSpec spec;
    private final String host;
    private final int port;
    private final EslCallScript s;
    private final EslLeg caller;
    private final EslLeg session;
    private final long start;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile EslSocketApp.Result socket;
    private volatile String route;
    private volatile Outcome outcome;
    private volatile String place;

    EslRoutedCall(EslSimulator sim, String host, int port, String dialed, ScenarioSpec spec) {
        this.sim = sim;
        this.spec = spec;
        this.host = host;
        this.port = port;
        this.start = EslTime.nowMicros();
        this.s = new EslCallScript(new Random(), sim.coreUuid(), new EslCallScript.Counters(), start);
        this.caller = s.leg("loopback/" + dialed + "-a", true, spec.callerName(), spec.callerNum(), dialed,
                EslQueueCall.CONTEXT);
        this.session = s.leg("loopback/" + dialed + "-b", false, spec.callerName(), spec.callerNum(), dialed,
                EslQueueCall.CONTEXT);
    }

    EslRoutedCall start() {
        Thread.ofVirtual().name("esl-sim-routed-call").start(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return this;
    }

    private void run() {
        EslQueueCall.arrive(s, spec, caller, session, false);
        session.set(ROUTE_VARIABLE, spec.queue() + " XML " + QUEUE_CONTEXT);
        String data = host + ":" + port + " async full";
        String app = s.execute(session, "socket", data);
        session.set("socket_host", host);
        emitWritten();
        socket = new EslSocketApp(session, () -> s.channelData(session)).run(host, port);
        s.at(Math.max(s.now(), EslTime.nowMicros()));
        s.executeComplete(session, "socket", data, "_none_", app);
        route = session.vars.get(ROUTE_VARIABLE);
        String[] r = parse(route);
        s.after(EslCallScript.STEP);
        String xfer = s.execute(session, "transfer", route);
        session.transfer(s.now(), EslMember.seconds(s.now()) + ":" + s.uuid() + ":bl_xfer:" + r[0] + "/" + r[1] + "/XML");
        session.rdnis = session.destination;
        session.destination = r[0];
        session.context = r[1];
        s.executeComplete(session, "transfer", route, "_none_", xfer);
        place = r[1];
        List<TimedEslEvent> rest;
        if (r[1].equals(QUEUE_CONTEXT)) {
            outcome = Outcome.QUEUED;
            rest = new EslQueueCall(withQueue(r[0]), s, start, caller, session).buildJoined().events();
        } else {
            outcome = Outcome.DIVERTED;
            diverted();
            rest = s.drain();
        }
        play(rest);
    }

    /** {@code <extension> XML <context>}; anything else sends the call to the default queue, as the dialplan would fail over. */
    private String[] parse(String r) {
        String[] p = r == null ? new String[0] : r.strip().split("\\s+");
        if (p.length == 3 && p[1].equalsIgnoreCase("XML")) {
            return new String[]{p[0], p[2]};
        }
        return new String[]{spec.queue(), QUEUE_CONTEXT};
    }

    /** A self-service place: its prompt plays for {@code talkMillis}, then the caller hangs up. */
    private void diverted() {
        s.after(EslCallScript.STEP);
        String app = s.execute(session, "playback", PROMPT);
        s.playback(session, PROMPT, true, 0);
        long played = Math.max(spec.talkMillis(), 100) * 1_000;
        s.after(played);
        s.playback(session, PROMPT, false, played);
        s.executeComplete(session, "playback", PROMPT, "FILE PLAYED", app);
        session.set("current_application_data", "NORMAL_CLEARING").set("current_application", "hangup");
        s.hangup(session, "NORMAL_CLEARING");
        s.hangup(caller, "NORMAL_CLEARING");
        s.hangupComplete(session, "16", "hangup", "NORMAL_CLEARING");
        s.after(EslCallScript.STEP);
        s.channel("CHANNEL_UNPARK", caller);
        s.hangupComplete(caller, "16", "park", null);
        s.destroy(caller);
        s.destroy(session);
    }

    private ScenarioSpec withQueue(String queue) {
        return new ScenarioSpec(spec.callerNum(), spec.callerName(), queue, spec.ivrVars(), spec.ringNoAnswerAgents(),
                spec.answeringAgent(), spec.waitMillis(), spec.ringMillis(), spec.talkMillis(), spec.holdMillis(),
                spec.outcome(), spec.transfer());
    }

    /** Sends what was written so far at once: it happened before the socket conversation. */
    private void emitWritten() {
        for (TimedEslEvent e : s.drain()) {
            sim.emitGenerated(e.event());
        }
    }

    /** The rest of the call in real time from now. */
    private void play(List<TimedEslEvent> events) {
        if (events.isEmpty()) {
            done.complete(null);
            return;
        }
        long first = events.get(0).offsetMicros();
        List<TimedEslEvent> shifted = new ArrayList<>(events.size());
        events.forEach(e -> shifted.add(e.shifted(-first)));
        sim.play(shifted, PlayOptions.realTime()).done().whenComplete((v, e) -> done.complete(null));
    }

    /** The call id a collector derives: the caller's a-leg uuid. */
    public String callId() {
        return caller.uuid;
    }

    /** The channel running the dialplan (the loopback b-leg): the uuid the routing server sets variables on. */
    public String channel() {
        return session.uuid;
    }

    /** Completes once the call's last event has been sent. */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** True once the {@code socket} application has finished (connected or not). */
    public boolean routed() {
        return socket != null;
    }

    /** Whether a routing server accepted the connection; false when nothing listened. */
    public boolean connected() {
        EslSocketApp.Result r = socket;
        return r != null && r.connected();
    }

    /** The commands the routing server sent on the outbound socket, in order. */
    public List<String> socketCommands() {
        EslSocketApp.Result r = socket;
        return r == null ? List.of() : r.commands();
    }

    /** The variables the routing server set with {@code uuid_setvar}, in order. */
    public Map<String, String> variablesSet() {
        EslSocketApp.Result r = socket;
        return r == null ? Map.of() : r.variablesSet();
    }

    /** {@code switchboard_route} when the dialplan transferred the call; null before. */
    public String route() {
        return route;
    }

    /** Where the call went; null until the socket application has finished. */
    public Outcome outcome() {
        return outcome;
    }

    /** The dialplan context the call was transferred to ({@code queues}, {@code smart-ivr}, ...). */
    public String context() {
        return place;
    }

    /** The queue the call entered, or null when it was diverted. */
    public String queue() {
        return outcome == Outcome.QUEUED ? EslQueueCall.queueName(parse(route)[0]) : null;
    }
}
