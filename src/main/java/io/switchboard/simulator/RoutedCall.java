package io.switchboard.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An inbound call through the lab's {@code [agi-route]} dialplan: the trunk call runs
 * {@code AGI(agi://host:port/route,${CUSTOMER_ID},${CALL_TYPE})} against the routing server as
 * Asterisk does (a real FastAGI connection, AGIExecStart/End and VarSet on AMI), then follows
 * {@code ROUTE}: a queue ({@code queues,<queue>,1}) becomes an {@link InteractiveCall} waiting in that
 * queue, any other place plays a while and hangs up; no answer, AGISTATUS FAILURE or an empty
 * ROUTE sets {@code ROUTE_FALLBACK=yes} and the call goes to the fallback queue.
 */
public final class RoutedCall {

    /**
     * Where the routing dialplan sent the call.
     *
     * @param agiStatus AGISTATUS: SUCCESS, FAILURE or HANGUP
     * @param route     ROUTE as the server set it, or null
     * @param fallback  the dialplan's fallback applied (ROUTE_FALLBACK=yes)
     * @param queue     the queue the call entered, or null
     * @param context   the context it went to (the queue context, or the divert place)
     * @param commands  the AGI command lines the server sent
     */
    public record Outcome(String agiStatus, String route, boolean fallback, String queue, String context,
                          List<String> commands) {
    }

    static final String ROUTE = "ROUTE";

    private final AmiSimulator sim;
    private final AgiRouting routing;
    private final String agentInterface;
    final Leg caller;
    private final RouteDialplan plan;
    private final Random rng = new Random();
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile InteractiveCall queueCall;
    private boolean ended;
    private long clock;

    RoutedCall(AmiSimulator sim, AgiRouting routing, String callerNumber, String callerName, String dialed,
               Map<String, String> vars, String agentInterface) {
        this.sim = sim;
        this.routing = routing;
        this.agentInterface = agentInterface;
        long now = AmiTime.nowMicros();
        String id = Ids.uniqueid(now);
        this.caller = new Leg("PJSIP/trunk-" + Ids.localSuffix(), id, id, Leg.RING, "from-trunk", dialed);
        caller.callerId(blankUnknown(callerNumber), blankUnknown(callerName));
        this.plan = new RouteDialplan(caller, routing);
        Map<String, String> given = new LinkedHashMap<>(vars == null ? Map.of() : vars);
        step(s -> plan.enter(s, given, variables));
    }

    /** Linkedid of the call: the call id the middleware records. */
    public String callId() {
        return caller.linkedid;
    }

    public String callerChannel() {
        return caller.name;
    }

    /** Completes once the routing dialplan is done with the call (it is in a queue, in a divert place, or gone). */
    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /** The queue call once the call waits in a queue, else null. */
    public InteractiveCall queueCall() {
        return queueCall;
    }

    /** The caller hangs up wherever the call is. */
    public boolean hangupCaller() {
        InteractiveCall q = queueCall;
        if (q != null) {
            return q.hangupCaller();
        }
        synchronized (this) {
            if (ended || !outcome.isDone()) {
                return false;
            }
            step(s -> plan.hangup(s, caller.priority + 1));
            ended = true;
            return true;
        }
    }

    /** The AGI conversation; runs on the simulator's AGI thread, never on a client's reader. */
    void converse() {
        FastAgiClient.Result r = FastAgiClient.run(routing.address(), plan.environment(variables), new Channel(),
                routing.timeout());
        synchronized (this) {
            afterAgi(r);
        }
    }

    private void afterAgi(FastAgiClient.Result r) {
        String route = variables.getOrDefault(ROUTE, "");
        if ("HANGUP".equals(r.status())) {
            step(s -> {
                s.varSet(caller, "AGISTATUS", r.status());
                s.softHangupRequest(caller, 16);
                s.hangup(caller, 16, "ANSWER");
            });
            ended = true;
            outcome.complete(new Outcome(r.status(), null, false, null, null, r.commands()));
            return;
        }
        boolean fallback = !"SUCCESS".equals(r.status()) || route.isBlank();
        String[] place = fallback ? null : route.split(",", 3);
        if (place != null && place.length < 2) {
            fallback = true; // Goto() with a malformed target would fail; the lab dialplan treats it as empty
        }
        boolean fb = fallback;
        step(s -> plan.afterAgi(s, r.status(), route, fb, variables));
        if (fallback) {
            step(s -> plan.inbound(s));
            enterQueue(routing.fallbackQueue(), "inbound", "s", RouteDialplan.INBOUND_QUEUE_PRIORITY);
            outcome.complete(new Outcome(r.status(), route.isBlank() ? null : route, true, routing.fallbackQueue(),
                    "inbound", r.commands()));
            return;
        }
        String context = place[0].strip();
        String exten = place[1].strip();
        int priority = place.length > 2 ? RouteDialplan.priority(place[2]) : 1;
        if (context.equals(routing.queueContext())) {
            enterQueue(exten, context, exten, priority);
            outcome.complete(new Outcome(r.status(), route, false, exten, context, r.commands()));
            return;
        }
        step(s -> plan.divert(s, context, exten, priority));
        outcome.complete(new Outcome(r.status(), route, false, null, context, r.commands()));
        sim.schedule(routing.divertPlay(), () -> {
            synchronized (this) {
                if (!ended) {
                    step(s -> plan.hangup(s, priority + 1));
                    ended = true;
                }
            }
        });
    }

    private void enterQueue(String queue, String context, String exten, int priority) {
        sim.queues().define(queue);
        sim.addPhone(agentInterface);
        InteractiveCall call = new InteractiveCall(sim, queue, agentInterface, caller, clock, context, exten, priority);
        sim.calls().add(call);
        queueCall = call;
        ended = true; // from here on the queue call owns the caller's channel
    }

    private synchronized void step(Consumer<CallScript> body) {
        CallScript s = new CallScript(rng, Math.max(AmiTime.nowMicros(), clock + 1));
        body.accept(s);
        for (TimedFrame f : s.frames()) {
            sim.emit(f.frame());
        }
        clock = s.baseMicros() + s.cursor();
    }

    private static String blankUnknown(String v) {
        return v == null || v.isBlank() ? Leg.UNKNOWN : v;
    }

    /** The channel as the AGI server sees it: variables, and AMI events for each command. */
    private final class Channel implements FastAgiClient.Channel {
        @Override
        public String variable(String name) {
            return switch (name) {
                case "CHANNEL(linkedid)" -> caller.linkedid;
                case "CHANNEL(uniqueid)" -> caller.uniqueid;
                case "CHANNEL(name)" -> caller.name;
                default -> variables.get(name);
            };
        }

        @Override
        public void set(String name, String value) {
            variables.put(name, value);
            step(s -> s.varSet(caller, name, value));
        }

        @Override
        public void executing(int commandId, String command) {
            step(s -> s.chan("AGIExecStart", RouteDialplan.AGI, caller,
                    b -> b.add("CommandId", Integer.toString(commandId)).add("Command", command)));
        }

        @Override
        public void executed(int commandId, String command, int code, String result) {
            step(s -> s.chan("AGIExecEnd", RouteDialplan.AGI, caller,
                    b -> b.add("CommandId", Integer.toString(commandId)).add("Command", command)
                            .add("ResultCode", Integer.toString(code)).add("Result", result)));
        }
    }
}
