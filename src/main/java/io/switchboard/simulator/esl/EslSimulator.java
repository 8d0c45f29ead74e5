package io.switchboard.simulator.esl;

import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.Playback;
import io.switchboard.simulator.PlaybackScheduler;
import io.switchboard.simulator.SimClients;
import io.switchboard.simulator.SimListener;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A TCP server that speaks the FreeSWITCH 1.10 inbound event socket: {@code auth}, event
 * subscriptions in plain, json or xml, filters, {@code api}/{@code bgapi} with a few realistic
 * commands, and events from {@link #emit} or timed {@link #play playbacks} of real captures. Can be
 * stopped and started again on the same port to play a switch restart (with a new Core-UUID).
 */
public final class EslSimulator implements AutoCloseable {

    public static final int DEFAULT_MAX_QUEUED = 100_000;
    private static final System.Logger LOG = System.getLogger(EslSimulator.class.getName());

    private final EslSimulatorSettings settings;
    private final int maxQueued;
    private final EslCommands commands = new EslCommands(this);
    private final EslChannels channels = new EslChannels();
    private final EslCallcenter callcenter = new EslCallcenter();
    private final EslLive live = new EslLive(this::emitGenerated, callcenter, this::coreUuid);
    private final EslApi api = new EslApi(channels, callcenter, live);
    private final List<String> swallowed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SimClients<EslSession> clients = new SimClients<>();
    private final List<String> receivedCommands = new ArrayList<>();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicInteger clientIds = new AtomicInteger();
    private final PlaybackScheduler<TimedEslEvent> scheduler;
    // bgapi jobs run here, one at a time, so their results follow their replies in order
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "esl-sim-bgapi");
        t.setDaemon(true);
        return t;
    });
    private volatile EslEventFactory events = new EslEventFactory(EslTraceRewriter.randomUuid());
    private final SimListener listener;
    private boolean started;
    private boolean closed;

    public EslSimulator(EslSimulatorSettings settings) {
        this(settings, DEFAULT_MAX_QUEUED);
    }

    /** @param maxQueued per-client outbound queue (messages); a client that falls further behind is dropped */
    public EslSimulator(EslSimulatorSettings settings, int maxQueued) {
        this.settings = settings;
        this.maxQueued = maxQueued;
        this.listener = new SimListener("esl-sim", settings.bindHost(), settings.port(), this::accept);
        this.scheduler = new PlaybackScheduler<>("esl-sim-scheduler", TimedEslEvent::offsetMicros,
                () -> eventClientCount() > 0, this::emitPlayed);
        callcenter.onChange((agent, action, header, value) ->
                emitGenerated(events.agentChange(agent, action, header, value)));
    }

    /** Binds and accepts clients; after {@link #stop()} it binds the same port again as a restarted switch. */
    public synchronized EslSimulator start() {
        if (closed) {
            throw new IllegalStateException("simulator is closed");
        }
        if (!listener.isRunning()) {
            if (started) { // a restarted switch has a new core uuid and no channels
                events = new EslEventFactory(EslTraceRewriter.randomUuid());
                channels.clear();
                live.clear();
            }
            listener.start();
            started = true;
        }
        return this;
    }

    /** The bound port (the ephemeral one once started with port 0). */
    public int port() {
        return listener.port();
    }

    public EslSimulatorSettings settings() {
        return settings;
    }

    public boolean isRunning() {
        return listener.isRunning();
    }

    /** Closes the listening socket and every client, like a crashed switch; playbacks stay queued. */
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
        jobs.shutdownNow();
    }

    /** Abruptly closes all client sockets (a network failure); the server keeps listening. */
    public void dropClients() {
        clients.dropAll();
    }

    /** Sends an event, as given, to every client whose subscription and filters let it through. */
    public void emit(SimEvent event) {
        broadcast(event, false);
    }

    /** Emits the events at their offsets; see {@link PlayOptions}. Several playbacks may run at once. */
    public Playback play(List<TimedEslEvent> script, PlayOptions options) {
        return scheduler.play(script, options);
    }

    public Playback play(List<TimedEslEvent> script) {
        return play(script, PlayOptions.realTime());
    }

    /**
     * Sends bytes exactly as given to every authenticated event client: garbage, truncated or
     * oversized frames, invalid UTF-8 — to prove a client survives them.
     */
    public void emitRaw(byte[] bytes) {
        for (EslSession c : clients.all()) {
            if (c.receivesEvents()) {
                c.send(bytes.clone());
            }
        }
    }

    /**
     * Adds or replaces an api command: {@code handler} gets the arguments ("" when none) and
     * returns the api/response body (also the BACKGROUND_JOB body for bgapi).
     */
    public void onApi(String command, Function<String, String> handler) {
        api.register(command, handler);
    }

    /**
     * An interactive mod_callcenter queue call: the caller (channel variables set on its channel
     * before it queues, the way an IVR sets them) joins {@code queue}, mod_callcenter offers it to
     * {@code agent} (a callcenter agent name, {@code 1001}..{@code 1004}) and the agent's phone
     * rings, until {@code uuid_phone_event <agent leg> talk} arrives or the handle's
     * {@link EslOfferedCall#answer()} is called. Channel commands then act on its legs.
     */
    public EslOfferedCall offer(String queue, String callerNumber, String callerName, String agent,
                                Map<String, String> channelVariables) {
        return live.offer(queue, callerNumber, callerName, agent, channelVariables);
    }

    /**
     * A call whose dialplan asks the routing server at {@code host:port} with
     * {@code socket host:port async full} and then follows {@code switchboard_route}
     * ({@link EslRoutedCall}). {@code spec} is the caller and what happens in a queue;
     * its queue is the dialplan's default, used when nothing listens or nothing is set.
     * {@code dialed} is the number the caller dialled.
     */
    public EslRoutedCall routedCall(String host, int port, String dialed, io.switchboard.simulator.ScenarioSpec spec) {
        EslScenarioGenerator.validate(spec);
        return new EslRoutedCall(this, host, port, dialed, spec).start();
    }

    /** A further mod_callcenter agent (logged out), as configured in callcenter.conf or added by {@code agent add}. */
    public void addAgent(String name) {
        callcenter.add(name);
    }

    /**
     * The switch stops answering commands starting with {@code commandPrefix} (e.g. {@code "uuid_kill"}):
     * a bgapi gets its Job-UUID reply but its result never comes; an api gets no response at all.
     */
    public void swallow(String commandPrefix) {
        swallowed.add(commandPrefix);
    }

    public void clearSwallowed() {
        swallowed.clear();
    }

    boolean swallows(String command) {
        for (String prefix : swallowed) {
            if (command.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** True once at least {@code n} authenticated clients subscribe to events; waits up to {@code timeout}. */
    public boolean awaitEventClients(int n, Duration timeout) {
        return clients.awaitEventClients(n, timeout);
    }

    public int eventClientCount() {
        return clients.eventClientCount();
    }

    /** Successful {@code auth} logins since construction. */
    public long connectionCount() {
        return logins.get();
    }

    /** Every command received (its lines joined with LF), in arrival order; {@code auth} included. */
    public List<String> receivedCommands() {
        synchronized (receivedCommands) {
            return List.copyOf(receivedCommands);
        }
    }

    public void clearReceivedCommands() {
        synchronized (receivedCommands) {
            receivedCommands.clear();
        }
    }

    /** Waits until every client's queued output has been written to its socket. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        return clients.awaitDrained(timeout);
    }

    /** Channels up according to the emitted events and originates. */
    public int activeChannelCount() {
        return channels.size();
    }

    /** The Core-UUID of the running switch instance; a new one after every restart. */
    public String coreUuid() {
        return events.coreUuid();
    }

    void recordCommand(String command) {
        synchronized (receivedCommands) {
            receivedCommands.add(command);
        }
    }

    void loggedIn() {
        logins.incrementAndGet();
        clientsChanged();
    }

    void clientsChanged() {
        clients.changed();
        scheduler.wake();
    }

    EslApi api() {
        return api;
    }

    EslEventFactory events() {
        return events;
    }

    /** An event the switch raises itself (API, BACKGROUND_JOB). */
    void emitGenerated(SimEvent event) {
        broadcast(event, false);
    }

    void runJob(Runnable job) {
        try {
            jobs.execute(job);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "ESL simulator closed: bgapi job dropped");
        }
    }

    /** A playback's event; a failing one is logged and skipped so the other playbacks go on. */
    private void emitPlayed(TimedEslEvent te, long startWallMicros, PlayOptions options) {
        SimEvent event = te.playedAt(startWallMicros);
        try {
            broadcast(event, options.timestampMode() == PlayOptions.TimestampMode.WALL_CLOCK);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ESL playback emit failed", e);
        }
    }

    private void broadcast(SimEvent event, boolean wallClock) {
        channels.observe(event);
        for (EslSession c : clients.all()) {
            c.offerEvent(event, wallClock);
        }
    }

    private AutoCloseable accept(Socket socket) {
        EslSession session = new EslSession(clientIds.incrementAndGet(), socket, maxQueued, s -> {
            clients.remove(s);
            scheduler.wake();
        });
        clients.add(session);
        session.start(commands);
        return session::close;
    }
}
