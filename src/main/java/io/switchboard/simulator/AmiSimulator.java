package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
        play(originates.frames(action), new PlayOptions(1.0, PlayOptions.TimestampMode.SCRIPTED, false));
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
        clients.add(session);
        session.start();
        return session::close;
    }
}
