package io.switchboard.pbx.freeswitch;

import io.switchboard.pbx.PbxText;
import io.switchboard.routing.RouteDecision;
import io.switchboard.routing.RouteRequest;
import org.jboss.logging.Logger;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One outbound event-socket connection, i.e. one call asking where to go. Runs on its own virtual
 * thread: {@code connect} (the reply carries the channel), {@code resume} (so that FreeSWITCH goes on
 * with the dialplan when the socket closes instead of hanging up), the decision within the
 * deadline, one {@code api uuid_setvar} per variable (the route variable last, so the dialplan
 * never sees a route without its companions), {@code exit}. Without a decision in time nothing is
 * set and the dialplan's own default applies.
 */
final class EslRouteSession implements Runnable {

    private static final Logger LOG = Logger.getLogger(EslRouteSession.class);

    /** How a session ended, the tag of {@code switchboard.routing.socket.sessions}. */
    enum Outcome {
        /** Variables set from a decision. */
        ROUTED,
        /** No decision within the deadline: nothing set. */
        DEADLINE,
        /** Deciding failed, or FreeSWITCH refused a {@code uuid_setvar}. */
        ERROR,
        /** The decision carried a value with a line break: nothing set. */
        REFUSED,
        /** The peer went away, sent garbage or stopped answering. */
        ABORTED
    }

    private final Socket socket;
    private final EslRouteListener.Settings settings;
    private final EslRouteListener.Router router;
    private final EslRouteRequests requests;
    private InputStream in;
    private OutputStream out;
    private Outcome outcome = Outcome.ABORTED;

    EslRouteSession(Socket socket, EslRouteListener.Settings settings, EslRouteListener.Router router,
                    EslRouteRequests requests) {
        this.socket = socket;
        this.settings = settings;
        this.router = router;
        this.requests = requests;
    }

    Outcome outcome() {
        return outcome;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout((int) settings.ioTimeout().toMillis());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 4 * 1024);
            converse();
        } catch (EOFException e) {
            LOG.debugf("outbound socket from %s closed early: %s", socket.getRemoteSocketAddress(), e.getMessage());
        } catch (IOException e) {
            LOG.debugf("outbound socket from %s dropped: %s", socket.getRemoteSocketAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
        }
    }

    private void converse() throws IOException, InterruptedException {
        send("connect");
        EslSocketFrame channel = reply("command/reply");
        String uuid = channel.header("Unique-ID");
        if (uuid == null || uuid.isBlank()) {
            throw new IOException("connect reply without channel data");
        }
        long start = System.nanoTime();
        send("resume");
        reply("command/reply");
        RouteRequest request = requests.request(channel.headers(), socket.getInetAddress(), Instant.now());
        RouteDecision decision = decide(request, start);
        if (decision == null) {
            exit();
            return;
        }
        Map<String, String> vars = variables(decision);
        if (!safe(uuid, vars)) {
            LOG.warnf("routing decision for call %s carries a line break: nothing set, dialplan default applies",
                    request.callId());
            router.fallback(request, "error");
            outcome = Outcome.REFUSED;
            exit();
            return;
        }
        boolean allSet = true;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            send("api uuid_setvar " + uuid + " " + v.getKey() + " " + v.getValue());
            EslSocketFrame r = reply("api/response");
            if (!r.ok()) {
                allSet = false;
                LOG.warnf("uuid_setvar %s on %s: %s", v.getKey(), uuid, r.replyText());
            }
        }
        outcome = allSet ? Outcome.ROUTED : Outcome.ERROR;
        router.routeSet(request, System.nanoTime() - start);
        exit();
    }

    /** {@code exit}, then its {@code +OK bye}, so the close does not cut the command off. */
    private void exit() throws IOException {
        send("exit");
        reply("command/reply");
    }

    /** The decision, or null when it failed or came too late (the fallback is then recorded). */
    private RouteDecision decide(RouteRequest request, long start) throws InterruptedException {
        CompletableFuture<RouteDecision> f;
        try {
            f = router.route(request);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        long left = settings.deadline().toNanos() - (System.nanoTime() - start);
        try {
            return f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            router.fallback(request, "deadline");
            outcome = Outcome.DEADLINE;
        } catch (ExecutionException | CancellationException e) {
            LOG.warnf("routing call %s failed: %s", request.callId(), e.getCause() == null ? e : e.getCause());
            router.fallback(request, "error");
            outcome = Outcome.ERROR;
        }
        return null;
    }

    /** The decision's variables in name order, then the route variable ({@code <extension> XML <context>}). */
    private Map<String, String> variables(RouteDecision d) {
        Map<String, String> vars = new LinkedHashMap<>(new TreeMap<>(d.variables()));
        vars.remove(settings.routeVariable());
        vars.put(settings.routeVariable(), d.destination().freeswitch());
        return vars;
    }

    /** Names must be one word and values one line: {@code uuid_setvar} takes the rest of the line as the value. */
    static boolean safe(String uuid, Map<String, String> vars) {
        if (PbxText.hasControlCharacters(uuid) || uuid.contains(" ")) {
            return false;
        }
        for (Map.Entry<String, String> v : vars.entrySet()) {
            String name = v.getKey();
            if (name == null || name.isBlank() || name.contains(" ") || PbxText.hasControlCharacters(name)
                    || v.getValue() == null || PbxText.hasControlCharacters(v.getValue())) {
                return false;
            }
        }
        return true;
    }

    private void send(String command) throws IOException {
        out.write((command + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The next message of {@code type}; events (if the dialplan subscribed the socket) are skipped.
     * A disconnect notice means the channel is gone.
     */
    private EslSocketFrame reply(String type) throws IOException {
        while (true) {
            EslSocketFrame f = EslSocketFrame.read(in);
            String t = f.contentType();
            if (t.equals(type)) {
                return f;
            }
            if (t.equals("text/disconnect-notice")) {
                throw new EOFException("channel gone (disconnect notice)");
            }
            if (!t.startsWith("text/event-") && !t.equals("log/data")) {
                throw new IOException("expected " + type + ", got '" + t + "'");
            }
        }
    }
}
