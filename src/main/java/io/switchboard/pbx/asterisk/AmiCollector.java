package io.switchboard.pbx.asterisk;

import io.switchboard.calls.IngestLane;
import io.switchboard.calls.LiveSnapshot;
import io.switchboard.events.CallEvent;
import io.switchboard.pbx.Backoff;
import io.switchboard.pbx.ConnectionState;
import io.switchboard.pbx.NodeStatus;
import io.switchboard.pbx.PbxCollector;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.action.PingAction;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects one Asterisk node over AMI. A supervisor thread logs in, pings, and on any loss
 * reconnects on a fresh connection with jittered backoff. The AMI reader thread only
 * translates and hands events to the node's {@link IngestLane}.
 */
public final class AmiCollector implements PbxCollector {

    private static final Logger LOG = Logger.getLogger(AmiCollector.class);
    /** How long the live snapshot after a login may take (thousands of channels answer in well under this). */
    static final java.time.Duration RESYNC_DEADLINE = java.time.Duration.ofSeconds(15);

    private final AmiNodeSettings settings;
    private final AmiTranslator translator;
    private final IngestLane lane;
    private final Thread supervisor;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile CollectorManagerConnection current;
    private volatile Instant connectedSince;
    private volatile long lastEventMillis;
    private volatile String lastError;
    private volatile String banner;
    /** When the last logged-in connection was lost; null until the first loss. */
    private volatile Instant lostAt;

    public AmiCollector(AmiNodeSettings settings, AmiTranslator translator, IngestLane lane) {
        this.settings = settings;
        this.translator = translator;
        this.lane = lane;
        this.control = new AmiCallControl(this); // after the settings it names itself by
        this.supervisor = Thread.ofPlatform().name("ami-" + settings.id()).daemon().unstarted(this::supervise);
    }

    @Override
    public String nodeId() {
        return settings.id();
    }

    @Override
    public void start() {
        supervisor.start();
    }

    /** Runs on the AMI reader thread: translate and hand off, nothing else. */
    private void onFrame(AmiFrame frame) {
        received.increment();
        long now = System.currentTimeMillis();
        lastEventMillis = now;
        CallEvent e = translator.translate(frame, Instant.ofEpochMilli(now));
        if (e != null) {
            lane.submit(e);
        }
    }

    private final AmiFrameReader.Sink problems = new AmiFrameReader.Sink() {
        @Override
        public void frame(AmiFrame frame) {
        }

        @Override
        public void malformed(String reason) {
            malformed.increment();
            LOG.debugf("AMI node %s: skipped malformed frame (%s)", settings.id(), reason);
        }

        @Override
        public void banner(String text) {
            banner = text;
        }
    };

    private void supervise() {
        Backoff backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
        while (stop.getCount() > 0) {
            CountDownLatch closed = new CountDownLatch(1);
            CollectorManagerConnection conn = new CollectorManagerConnection(settings.host(), settings.port(),
                    settings.username(), settings.secret(), (int) settings.connectTimeout().toMillis(),
                    this::onFrame, f -> control.intercept(f), problems, closed::countDown);
            current = conn;
            state = ConnectionState.CONNECTING;
            try {
                conn.login("on");
                state = ConnectionState.CONNECTED;
                connectedSince = Instant.now();
                lastError = null;
                connects.increment();
                backoff.reset();
                LOG.infof("AMI node %s connected to %s:%d (%s)", settings.id(), settings.host(), settings.port(), banner);
                resync();
                control.fireConnected();
                watch(conn, closed);
            } catch (AuthenticationFailedException e) {
                lastError = "authentication failed for user " + settings.username();
                state = ConnectionState.FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            } finally {
                conn.abandon();
                current = null;
            }
            if (stop.getCount() == 0) {
                break;
            }
            if (state == ConnectionState.CONNECTED) {
                lostAt = Instant.now();
                LOG.warnf("AMI node %s lost its connection; reconnecting", settings.id());
            }
            if (state != ConnectionState.FAILED) {
                state = ConnectionState.DISCONNECTED;
            }
            long delay = state == ConnectionState.FAILED ? settings.reconnectMax().toMillis() : backoff.nextDelayMillis();
            LOG.debugf("AMI node %s: %s; next attempt in %d ms", settings.id(), lastError, delay);
            try {
                if (stop.await(delay, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        state = ConnectionState.DISCONNECTED;
    }

    /**
     * Asks for the node's live channels; the snapshot joins the lane where its last event was read,
     * so it is applied after every event Asterisk sent before it (docs/recovery.md).
     */
    private void resync() {
        Instant requested = Instant.now();
        Instant lost = lostAt;
        control.liveChannels(RESYNC_DEADLINE, channels -> lane.resync(
                        new LiveSnapshot(channels, requested, Instant.now(), lost)))
                .whenComplete((channels, error) -> {
                    if (error != null) {
                        LOG.warnf("AMI node %s: live channel resync failed: %s", settings.id(), error.toString());
                    }
                });
    }

    /** Returns when the socket closes, a heartbeat goes unanswered, or the collector stops. */
    private void watch(CollectorManagerConnection conn, CountDownLatch closed) throws InterruptedException {
        long interval = settings.heartbeatInterval().toMillis();
        while (stop.getCount() > 0) {
            if (closed.await(interval, TimeUnit.MILLISECONDS)) {
                lastError = "connection closed by peer";
                return;
            }
            if (!heartbeat(conn)) {
                lastError = "no answer to Ping within " + settings.heartbeatTimeout().toMillis() + " ms";
                return;
            }
        }
    }

    private boolean heartbeat(CollectorManagerConnection conn) throws InterruptedException {
        CompletableFuture<Boolean> pong = new CompletableFuture<>();
        try {
            conn.sendAction(new PingAction(), r -> pong.complete(Boolean.TRUE));
            return pong.get(settings.heartbeatTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return false;
        }
    }

    private final AmiCallControl control;

    @Override
    public AmiCallControl control() {
        return control;
    }

    @Override
    public NodeStatus status() {
        long last = lastEventMillis;
        return new NodeStatus(settings.id(), "asterisk", settings.host(), settings.port(), state,
                state == ConnectionState.CONNECTED ? connectedSince : null,
                last == 0 ? null : Instant.ofEpochMilli(last), lastError, banner, connects.sum(), received.sum(),
                translator.stats().translatedCount(), translator.stats().ignoredCount(), translator.stats().unknownCount(),
                translator.stats().invalidCount(), malformed.sum(), lane.activeCalls().size(), lane.recordsEmitted(),
                translator.stats().unreadableCount());
    }

    public ConnectionState state() {
        return state;
    }

    /** The logged-in connection actions go out on, or null while (re)connecting. */
    CollectorManagerConnection connection() {
        CollectorManagerConnection c = current;
        return state == ConnectionState.CONNECTED ? c : null;
    }

    AmiTranslator translator() {
        return translator;
    }

    @Override
    public void close() {
        stop.countDown();
        CollectorManagerConnection c = current;
        if (c != null) {
            c.abandon();
        }
        try {
            supervisor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
