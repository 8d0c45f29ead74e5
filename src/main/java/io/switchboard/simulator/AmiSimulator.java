package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP server that speaks AMI like Asterisk 22: login (plain or MD5 challenge), the actions a
 * middleware needs, and events from {@link #emit} or timed {@link #play playbacks}. Can be
 * stopped and started again on the same port to play a PBX restart.
 */
public final class AmiSimulator implements AutoCloseable {

    public static final int DEFAULT_MAX_QUEUED_FRAMES = 200_000;
    private static final System.Logger LOG = System.getLogger(AmiSimulator.class.getName());

    private final SimulatorSettings settings;
    private final int maxQueuedFrames;
    private final ActionHandler handler = new ActionHandler(this);
    private final ChannelRegistry channels = new ChannelRegistry();
    private final SimClients<ClientSession> clients = new SimClients<>();
    private final List<AmiFrame> receivedActions = new ArrayList<>();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicInteger clientIds = new AtomicInteger();
    private final PlaybackScheduler<TimedFrame> scheduler;
    private final OriginateCalls originates = new OriginateCalls(System.nanoTime());
    private final SimQueues queues = new SimQueues("support", "stress");
    private final InteractiveCalls calls = new InteractiveCalls();
    private final RoutedCalls routed = new RoutedCalls(this);
    private final Set<String> endpoints = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ami-sim-timers").factory());
    private volatile Predicate<AmiFrame> unanswered = a -> false;
    private volatile Duration transferTargetTalk = Duration.ofSeconds(5);
    private volatile ObjLongConsumer<AmiFrame> onWritten;
    private volatile ObjLongConsumer<AmiFrame> onAction;
    private final SimListener listener;
    private boolean closed;

    public AmiSimulator(SimulatorSettings settings) {
        this(settings, DEFAULT_MAX_QUEUED_FRAMES);
    }

    /** @param maxQueuedFrames per-client outbound queue; a client that falls further behind is dropped */
    public AmiSimulator(SimulatorSettings settings, int maxQueuedFrames) {
        this.settings = settings;
        this.maxQueuedFrames = maxQueuedFrames;
        this.listener = new SimListener("ami-sim", settings.bindHost(), settings.port(), this::accept);
        this.scheduler = new PlaybackScheduler<>("ami-sim-scheduler", TimedFrame::offsetMicros,
                () -> eventClientCount() > 0,
                (tf, startWallMicros, options) ->
                        broadcast(tf.frame(), tf.timestampMicros(startWallMicros, options.timestampMode())));
    }

    /** Binds and accepts clients; after {@link #stop()} it binds the same port again. */
    public synchronized AmiSimulator start() {
        if (closed) {
            throw new IllegalStateException("simulator is closed");
        }
        listener.start();
        return this;
    }

    /** The bound port (the ephemeral one once started with port 0). */
    public int port() {
        return listener.port();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public boolean isRunning() {
        return listener.isRunning();
    }

    /** Closes the listening socket and every client; playbacks stay queued. */
    public void stop() {
        listener.stop();
        dropClients();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stop();
        scheduler.shutdown();
        timers.shutdownNow();
        routed.close();
    }

    /** Abruptly closes all client sockets (a network failure); the server keeps listening. */
    public void dropClients() {
        clients.dropAll();
    }

    /** Sends an event to every logged-in client that subscribed to its classes. */
    public void emit(AmiFrame event) {
        broadcast(event, ClientSession.KEEP_TIMESTAMP);
    }

    /** Emits the frames at their offsets; see {@link PlayOptions}. Several playbacks may run at once. */
    public Playback play(List<TimedFrame> frames, PlayOptions options) {
        return scheduler.play(frames, options);
    }

    public Playback play(List<TimedFrame> frames) {
        return play(frames, PlayOptions.realTime());
    }

    /** True once at least {@code n} logged-in clients receive events; waits up to {@code timeout}. */
    public boolean awaitEventClients(int n, Duration timeout) {
        return clients.awaitEventClients(n, timeout);
    }

    public int eventClientCount() {
        return clients.eventClientCount();
    }

    /** Successful logins since construction. */
    public long connectionCount() {
        return logins.get();
    }

    /** Every action frame received, in arrival order. */
    public List<AmiFrame> receivedActions() {
        synchronized (receivedActions) {
            return List.copyOf(receivedActions);
        }
    }

    /** The received actions with the given {@code Action} name (case-insensitive). */
    public List<AmiFrame> receivedActions(String action) {
        return receivedActions().stream().filter(a -> action.equalsIgnoreCase(a.get("Action"))).toList();
    }

    public void clearReceivedActions() {
        synchronized (receivedActions) {
            receivedActions.clear();
        }
    }

    /** Number of channels up according to the emitted events. */
    public int activeChannelCount() {
        return channels.size();
    }

    void recordAction(AmiFrame action) {
        ObjLongConsumer<AmiFrame> listener = onAction;
        if (listener != null) {
            listener.accept(action, System.nanoTime());
        }
        synchronized (receivedActions) {
            receivedActions.add(action);
        }
    }

    void loggedIn(ClientSession session) {
        logins.incrementAndGet();
        clientsChanged();
    }

    void clientsChanged() {
        clients.changed();
        scheduler.wake();
    }

    ChannelRegistry channels() {
        return channels;
    }

    void playOriginate(AmiFrame action) {
        OriginateRequest req = OriginateRequest.of(action);
        addPhone(req.channel());
        if ("ChanSpy".equalsIgnoreCase(req.application())) {
            InteractiveCall target = calls.spyTarget(req.data());
            if (target != null && target.spies.start(req)) {
                return;
            }
        }
        play(originates.frames(action), new PlayOptions(1.0, PlayOptions.TimestampMode.SCRIPTED, false));
    }

    /**
     * Starts an inbound queue call that rings {@code agentInterface} (e.g. {@code PJSIP/1001}) and waits:
     * it is answered by a PJSIP NOTIFY {@code Event: talk} to the phone or {@link InteractiveCall#answer()}.
     * {@code channelVariables} are set by the inbound dialplan before the queue (IVR data).
     */
    public InteractiveCall offer(String queue, String callerNumber, String callerName, String agentInterface,
                                 Map<String, String> channelVariables) {
        queues.define(queue);
        addPhone(agentInterface);
        InteractiveCall call = new InteractiveCall(this, queue, callerNumber, callerName, agentInterface,
                channelVariables);
        calls.add(call);
        return call;
    }

    /** Where routed calls find the FastAGI routing server, and what their dialplan does with its answer. */
    public void agiRouting(AgiRouting routing) {
        routed.routing(routing);
    }

    public AgiRouting agiRouting() {
        return routed.routing();
    }

    /**
     * An inbound call through the {@code [agi-route]} dialplan: it asks the routing server over
     * FastAGI and goes where ROUTE says (or to the fallback queue). {@code vars} are the IVR's
     * channel variables (CUSTOMER_ID and CALL_TYPE become the AGI arguments). In a queue nobody
     * rings; see {@link #routedCall(String, String, String, Map, String)}.
     */
    public RoutedCall routedCall(String callerNumber, String callerName, Map<String, String> vars) {
        return routed.start(callerNumber, callerName, null, vars, null);
    }

    /**
     * @param dialed         the number the caller dialled (DNID), or null
     * @param agentInterface the phone the queue rings once the call is in a queue (e.g. {@code PJSIP/1001}), or null
     */
    public RoutedCall routedCall(String callerNumber, String callerName, String dialed, Map<String, String> vars,
                                 String agentInterface) {
        return routed.start(callerNumber, callerName, dialed, vars, agentInterface);
    }

    /** Actions matching {@code which} are recorded but never answered (a PBX that does not respond). */
    public void leaveUnanswered(Predicate<AmiFrame> which) {
        unanswered = which == null ? a -> false : which;
    }

    /** How long a transfer target talks before its dialplan hangs up (the lab dialplan waits 5 s). */
    public void transferTargetTalk(Duration talk) {
        transferTargetTalk = talk;
    }

    /** A PJSIP endpoint the simulated PBX knows (phones of offered calls and queue members are known anyway). */
    public void addEndpoint(String endpoint) {
        endpoints.add(endpoint);
    }

    /** Interactive calls not yet ended. */
    public int interactiveCallCount() {
        return calls.size();
    }

    boolean leavesUnanswered(AmiFrame action) {
        return unanswered.test(action);
    }

    Duration transferTargetTalk() {
        return transferTargetTalk;
    }

    SimQueues queues() {
        return queues;
    }

    InteractiveCalls calls() {
        return calls;
    }

    boolean knowsEndpoint(String device) {
        return endpoints.contains(device);
    }

    void schedule(Duration delay, Runnable task) {
        try {
            timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the simulator is shutting down: the call simply does not end on its own
        }
    }

    /** {@code PJSIP/1001} (a member interface, a dial string) makes endpoint {@code 1001} known. */
    /**
     * The phone behind a queue member interface: {@code PJSIP/1001} → {@code 1001}; a Local member
     * as in the lab's queues.conf, {@code Local/agent1@agents/n} → {@code agent1} (its dialplan dials
     * {@code PJSIP/agent1}).
     */
    static String deviceOf(String agentInterface) {
        int slash = agentInterface.indexOf('/');
        String rest = slash < 0 ? agentInterface : agentInterface.substring(slash + 1);
        if (agentInterface.regionMatches(true, 0, "Local/", 0, 6)) {
            int at = rest.indexOf('@');
            return at < 0 ? rest : rest.substring(0, at);
        }
        return rest;
    }

    void addPhone(String channelOrInterface) {
        if (channelOrInterface != null && channelOrInterface.regionMatches(true, 0, "Local/", 0, 6)) {
            endpoints.add(deviceOf(channelOrInterface));
            return;
        }
        if (channelOrInterface != null && channelOrInterface.regionMatches(true, 0, "PJSIP/", 0, 6)) {
            String rest = channelOrInterface.substring(6);
            int dash = rest.lastIndexOf('-');
            endpoints.add(dash > 0 && rest.length() - dash == 9 ? rest.substring(0, dash) : rest);
        }
    }

    /**
     * Told about every frame once it has been flushed to a client's socket, with
     * {@link System#nanoTime()} right after the flush, so a benchmark can time from the wire; null
     * stops it. Runs on the clients' writer threads: keep it short. Unused, it costs nothing.
     */
    public void onWritten(ObjLongConsumer<AmiFrame> listener) {
        onWritten = listener;
        for (ClientSession c : clients.all()) {
            c.onWritten(listener);
        }
    }

    /**
     * Told about every action as soon as it has been read, before it is handled, with
     * {@link System#nanoTime()}; null stops it. Runs on the client's reader thread: keep it short.
     */
    public void onAction(ObjLongConsumer<AmiFrame> listener) {
        onAction = listener;
    }

    /** Waits until every client's queued output has been written to its socket. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        return clients.awaitDrained(timeout);
    }

    /**
     * Sends bytes as they are to every logged-in event client: garbage, truncated or oversized
     * frames, invalid UTF-8 — to prove a client survives them.
     */
    public void emitRaw(byte[] bytes) {
        for (ClientSession c : clients.all()) {
            if (c.wants(null)) {
                c.sendRaw(bytes.clone());
            }
        }
    }

    private void broadcast(AmiFrame event, long timestampMicros) {
        channels.observe(event);
        String[] classes = privilegeClasses(event);
        for (ClientSession c : clients.all()) {
            if (c.wants(classes)) {
                c.send(event, timestampMicros);
            }
        }
    }

    private static String[] privilegeClasses(AmiFrame event) {
        String privilege = event.get("Privilege");
        return privilege == null ? null : privilege.split(",");
    }

    private AutoCloseable accept(Socket socket) {
        ClientSession[] holder = new ClientSession[1];
        ClientSession session = new ClientSession(clientIds.incrementAndGet(), socket, maxQueuedFrames, handler, () -> {
            clients.remove(holder[0]);
            scheduler.wake();
        });
        holder[0] = session;
        session.onWritten(onWritten);
        clients.add(session);
        session.start();
        return session::close;
    }
}
