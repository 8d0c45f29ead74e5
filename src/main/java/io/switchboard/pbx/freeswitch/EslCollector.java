package io.switchboard.pbx.freeswitch;

import io.switchboard.pbx.PbxText;

import io.switchboard.calls.IngestLane;
import io.switchboard.calls.LiveSnapshot;
import io.switchboard.pbx.ConnectionState;
import io.switchboard.pbx.NodeStatus;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCollector;
import io.switchboard.pbx.UnsafePbxValueException;
import link.thingscloud.freeswitch.esl.IEslEventListener;
import link.thingscloud.freeswitch.esl.InboundClient;
import link.thingscloud.freeswitch.esl.ServerConnectionListener;
import link.thingscloud.freeswitch.esl.inbound.option.InboundClientOption;
import link.thingscloud.freeswitch.esl.inbound.option.ServerOption;
import link.thingscloud.freeswitch.esl.transport.event.EslEvent;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects one FreeSWITCH node over the inbound event socket with link.thingscloud's client.
 * The client's public executor is disabled, so events reach us on the connection's Netty thread
 * in socket order (its pool would reorder a call's events); we translate and hand off to the
 * node's lane at once. The client reconnects and re-subscribes by itself; a frame guard in
 * front of its decoder skips malformed frames (see {@link EslFrameGuard}).
 */
public final class EslCollector implements PbxCollector {

    private static final Logger LOG = Logger.getLogger(EslCollector.class);
    /** How long the live snapshot after a login may take. */
    static final Duration RESYNC_DEADLINE = Duration.ofSeconds(15);

    /** What the call model needs; everything else stays on the PBX. */
    private static final String[] EVENTS = {"CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_ANSWER",
            "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "CHANNEL_HOLD", "CHANNEL_UNHOLD", "CHANNEL_HANGUP",
            "CHANNEL_HANGUP_COMPLETE", "CHANNEL_DESTROY", "DTMF", "BACKGROUND_JOB", "HEARTBEAT", "CUSTOM",
            "callcenter::info"};

    private final EslNodeSettings settings;
    private final EslTranslator translator;
    private final IngestLane lane;
    private final LongAdder received = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final EslJobs jobs = new EslJobs();
    private final EslCallControl control;
    private final ExecutorService sender = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("esl-send-", 0).factory());
    private volatile InboundClient client;
    private volatile String serverAddr;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile Instant connectedSince;
    private volatile long lastEventMillis;
    private volatile String lastError;
    /** When the last logged-in connection was lost; null until the first loss. */
    private volatile Instant lostAt;

    public EslCollector(EslNodeSettings settings, EslTranslator translator, IngestLane lane) {
        this.settings = settings;
        this.translator = translator;
        this.lane = lane;
        this.control = new EslCallControl(this); // after the settings it names itself by
    }

    /** The event subscription (names as given to {@code event plain}, a CUSTOM subclass after CUSTOM). */
    public static java.util.List<String> subscribedEvents() {
        return java.util.List.of(EVENTS);
    }

    @Override
    public String nodeId() {
        return settings.id();
    }

    @Override
    public void start() {
        ServerOption server = new ServerOption(settings.host(), settings.port()).password(settings.password())
                .timeoutSeconds((int) Math.max(1, settings.reconnectDelay().toSeconds()));
        InboundClientOption option = new InboundClientOption()
                .defaultPassword(settings.password())
                .disablePublicExecutor(true)
                .addServerOption(server)
                .addEvents(EVENTS)
                .addListener(new Listener())
                .serverConnectionListener(new ServerConnectionListener() {
                    @Override
                    public void onOpened(ServerOption s) {
                        state = ConnectionState.CONNECTING; // open, not logged in yet: see authenticated()
                    }

                    @Override
                    public void onClosed(ServerOption s) {
                        if (state == ConnectionState.CONNECTED) {
                            lostAt = Instant.now();
                            LOG.warnf("ESL node %s lost its connection; reconnecting", settings.id());
                        }
                        state = ConnectionState.DISCONNECTED;
                        lastError = "connection closed";
                    }
                });
        state = ConnectionState.CONNECTING;
        serverAddr = server.addr();
        client = new GuardedInboundClient(option, malformed, this::onEvent, this::authenticated);
        client.start();
    }

    /** Logged in and subscribed: commands can go now (runs on the client's executor, not Netty's). */
    private void authenticated() {
        state = ConnectionState.CONNECTED;
        connectedSince = Instant.now();
        lastError = null;
        connects.increment();
        LOG.infof("ESL node %s connected to %s:%d", settings.id(), settings.host(), settings.port());
        resync();
        control.loggedIn();
    }

    /**
     * Asks for the node's live channels and hands them to the lane when the job's result is read.
     * FreeSWITCH answers from its channel table, which trails its events a little; the call model
     * allows for that (docs/recovery.md).
     */
    private void resync() {
        Instant requested = Instant.now();
        Instant lost = lostAt;
        control.liveChannels(RESYNC_DEADLINE).whenComplete((channels, error) -> {
            if (error != null) {
                LOG.warnf("ESL node %s: live channel resync failed: %s", settings.id(), error.toString());
            } else {
                translator.learn(channels, requested);
                lane.resync(new LiveSnapshot(channels, requested, Instant.now(), lost));
            }
        });
    }

    /** Runs on the connection's Netty thread: translate and hand off, nothing else. */
    private void onEvent(java.util.Map<String, String> headers) {
        received.increment();
        long now = System.currentTimeMillis();
        lastEventMillis = now;
        translator.translate(headers, Instant.ofEpochMilli(now), lane::submit);
    }

    /** Events the frame guard lets through to the client (none but BACKGROUND_JOB in practice). */
    private final class Listener implements IEslEventListener {
        @Override
        public void eventReceived(String addr, EslEvent event) {
            onEvent(event.getEventHeaders());
        }

        @Override
        public void backgroundJobResultReceived(String addr, EslEvent event) {
            received.increment();
            lastEventMillis = System.currentTimeMillis();
            jobs.completed(event.getEventHeaders().get("Job-UUID"), String.join("\n", event.getEventBodyLines()));
        }
    }

    /**
     * Runs {@code bgapi command arg} on the node. The future completes with the job's result text
     * (e.g. {@code +OK ...} or {@code -ERR ...}), or fails when the deadline passes first, with
     * {@link NodeUnavailableException} when the node is not logged in, and with
     * {@link UnsafePbxValueException} (nothing sent) for values with line breaks or control characters.
     * Never blocks the caller: the client's send waits for the command's reply, so it runs on a
     * virtual thread of its own.
     */
    public CompletableFuture<String> bgapi(String command, String arg, Duration deadline) {
        String a = arg == null ? "" : arg;
        if (command == null || PbxText.hasControlCharacters(command)
                || PbxText.hasControlCharacters(a) || command.isBlank()) {
            return CompletableFuture.failedFuture(new UnsafePbxValueException(
                    "ESL command or argument is empty or contains a line break or control character"));
        }
        InboundClient c = client;
        if (c == null || state != ConnectionState.CONNECTED) {
            return CompletableFuture.failedFuture(notConnected());
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                try {
                    String jobUuid = c.sendAsyncApiCommand(serverAddr, command, a);
                    if (jobUuid == null || jobUuid.isBlank()) {
                        result.completeExceptionally(new IllegalStateException("bgapi " + command + " was not accepted"));
                    } else {
                        jobs.register(jobUuid, result);
                    }
                } catch (RuntimeException e) { // not logged in (any more), or the connection broke
                    result.completeExceptionally(notConnected());
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(notConnected());
        }
        return result.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private NodeUnavailableException notConnected() {
        return new NodeUnavailableException("FreeSWITCH node " + settings.id() + " is not connected");
    }

    @Override
    public EslCallControl control() {
        return control;
    }

    @Override
    public NodeStatus status() {
        long last = lastEventMillis;
        return new NodeStatus(settings.id(), "freeswitch", settings.host(), settings.port(), state,
                state == ConnectionState.CONNECTED ? connectedSince : null,
                last == 0 ? null : Instant.ofEpochMilli(last), lastError, null, connects.sum(), received.sum(),
                translator.stats().translatedCount(), translator.stats().ignoredCount(), translator.stats().unknownCount(),
                translator.stats().invalidCount(), malformed.sum(), lane.activeCalls().size(), lane.recordsEmitted(),
                translator.stats().unreadableCount());
    }

    public ConnectionState state() {
        return state;
    }

    @Override
    public void close() {
        InboundClient c = client;
        if (c != null) {
            c.shutdown();
        }
        sender.shutdownNow();
        control.close();
        state = ConnectionState.DISCONNECTED;
    }
}
