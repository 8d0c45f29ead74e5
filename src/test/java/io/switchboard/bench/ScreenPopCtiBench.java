package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.security.PasswordHash;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.InteractiveCall;
import io.switchboard.simulator.SimulatorSettings;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screen-pop latency and CTI action overhead against a running service (scripts/bench cti).
 *
 * <p>The AMI simulator runs in this JVM and the service's only PBX node connects to it, so the
 * time each {@code AgentCalled} frame is flushed to the socket is known exactly. Several hundred
 * agents each have a {@code /ws/agent} desktop open here; queue calls start on a fixed schedule
 * (open loop), each ringing a different agent, are answered after {@code ring} and hung up
 * {@code talk} later. Meanwhile every answered call is put on hold and taken off it twice: once
 * over REST, once over the desktop socket.
 *
 * <ul>
 *   <li>Screen-pop latency: AgentCalled flushed by the simulator → the first {@code card} message
 *       for that call received by the agent's desktop.</li>
 *   <li>CTI overhead: a hold/unhold's round trip at the client minus {@code latencyMs} of the
 *       reply, which the service measures from handing the command to the PBX connection until
 *       the PBX's answer: what is left is HTTP or WebSocket, authentication, checks, audit hand-off
 *       and the client's own stack. The same round trip is also cut where the simulator saw the
 *       action (read, reply flushed): the service's way in and way out, the PBX left out.</li>
 * </ul>
 *
 * Args: baseUrl amiPort callsPerSecond measuredSeconds. System properties (defaults):
 * {@code bench.node} (pbx1, the node name the service was given), {@code bench.ami.secret}
 * (bench-secret), {@code bench.agents} (600), {@code bench.warmup} (20 s), {@code bench.ring} (1 s),
 * {@code bench.talk} (10 s), {@code bench.client} (blocking, see {@link #clients}),
 * {@code bench.db.url}/{@code .user}/{@code .password} (the service's database, where users and
 * customers are inserted), {@code bench.service.pid} (to read its CPU time), {@code bench.jfr} (a
 * file: record the service with JFR during the measured window; needs the pid), {@code bench.worst}
 * (list the n slowest samples with their times).
 */
public final class ScreenPopCtiBench {

    private static final String QUEUE = "support";
    private static final String ADMIN = "bench-admin";
    private static final String PASSWORD = "bench-pw-1";
    private static final int FIRST_DEVICE = 6001;
    private static final int CALLER_NUMBERS = 4_000;
    private static final Pattern CALL_ID = Pattern.compile("\"callId\":\"([^\"]+)\"");

    private final String base;
    private final String node;
    private final int agents;
    private final double rate;
    private final double warmupSeconds;
    private final double measuredSeconds;
    private final double ringSeconds;
    private final double talkSeconds;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AmiSimulator sim;
    /** Linkedid → nanoTime the AgentCalled frame was flushed. */
    private final Map<String, Long> agentCalledAt = new ConcurrentHashMap<>();
    private final List<Desk> desks = new ArrayList<>();
    private final ArrayDeque<Desk> free = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().daemon().name("bench-timer-", 0).factory());
    private final ConcurrentLinkedQueue<RestSample> rest = new ConcurrentLinkedQueue<>();
    /** REST requests: blocking keep-alive sockets on these threads (see {@link KeepAliveHttp}), or the JDK client. */
    private final ExecutorService restPool = Executors.newFixedThreadPool(16,
            Thread.ofPlatform().daemon().name("bench-rest-", 0).factory());
    /**
     * The clients: "blocking" ({@link KeepAliveHttp}, {@link BlockingWebSocket}), "jdk" (java.net.http), or
     * "both" (every other desktop and request), to see what a client library's own threads add.
     */
    private final String clients = System.getProperty("bench.client", "blocking");
    private final KeepAliveHttp keepAlive;
    private final Map<String, WsPending> wsPending = new ConcurrentHashMap<>();
    private final Map<String, List<SimAction>> simActions = new ConcurrentHashMap<>(); // "device/event" → in order
    private final Map<String, SimAction> simByActionId = new ConcurrentHashMap<>();
    private final AtomicInteger wsIds = new AtomicInteger();
    private final AtomicInteger restCount = new AtomicInteger();
    private final AtomicLong timerLateMaxNanos = new AtomicLong();
    private final AtomicLong restErrors = new AtomicLong();
    private final AtomicLong wsSendErrors = new AtomicLong();
    private final AtomicLong noFreeAgent = new AtomicLong();
    private final AtomicLong offerLateMaxNanos = new AtomicLong();
    private volatile long measureFrom;
    private volatile long measureTo;

    /** One agent: its desktop connection and everything it received, with the receive times. */
    private static final class Desk implements WebSocket.Listener {
        final String agentId;
        final String device;
        final String basic;
        final String client; // "blocking" (BlockingWebSocket) or "jdk" (java.net.http.WebSocket)
        final List<long[]> times = new ArrayList<>(); // guarded by this; [0] = nanoTime
        final List<String> texts = new ArrayList<>(); // guarded by this
        final CompletableFuture<Void> hello = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        volatile BlockingWebSocket blocking;
        volatile WebSocket jdk;
        volatile String closed;

        Desk(String agentId, String device, String basic, String client) {
            this.agentId = agentId;
            this.device = device;
            this.basic = basic;
            this.client = client;
        }

        void received(String text, long nanos) {
            synchronized (this) {
                times.add(new long[] {nanos});
                texts.add(text);
            }
            if (!hello.isDone() && text.startsWith("{\"type\":\"hello\"")) {
                hello.complete(null);
            }
        }

        CompletableFuture<?> send(String text) {
            if (blocking != null) {
                try {
                    blocking.sendText(text);
                    return CompletableFuture.completedFuture(null);
                } catch (java.io.IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
            return jdk.sendText(text, true);
        }

        String closedReason() {
            return blocking != null ? blocking.closed() : closed;
        }

        void close() {
            if (blocking != null) {
                blocking.close();
            } else if (jdk != null) {
                jdk.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long now = System.nanoTime();
            if (!last) {
                partial.append(data);
            } else if (partial.isEmpty()) {
                received(data.toString(), now);
            } else {
                received(partial.append(data).toString(), now);
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed = statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed = "error " + error;
            hello.completeExceptionally(error);
        }
    }

    /** One queue call of the run. */
    private static final class Call {
        final long due;
        final Desk desk;
        volatile InteractiveCall handle;

        Call(long due, Desk desk) {
            this.due = due;
            this.desk = desk;
        }
    }

    private record RestSample(String client, Desk desk, String action, long due, long sent, long received, int status,
                              String body) {
    }

    private record WsPending(String action, long due, long sent, Desk desk) {
    }

    /** A phone action as the simulated PBX saw it: read at {@code received}, its reply flushed at {@code replied}. */
    private record SimAction(long received, AtomicLong replied) {
    }

    private ScreenPopCtiBench(String base, int amiPort, double rate, double measuredSeconds) {
        this.base = base;
        this.rate = rate;
        this.measuredSeconds = measuredSeconds;
        this.node = System.getProperty("bench.node", "pbx1");
        this.agents = Integer.getInteger("bench.agents", 600);
        this.warmupSeconds = Double.parseDouble(System.getProperty("bench.warmup", "20"));
        this.ringSeconds = Double.parseDouble(System.getProperty("bench.ring", "1"));
        this.talkSeconds = Double.parseDouble(System.getProperty("bench.talk", "10"));
        SimulatorSettings defaults = SimulatorSettings.defaults();
        this.keepAlive = new KeepAliveHttp(base);
        this.sim = new AmiSimulator(new SimulatorSettings("127.0.0.1", amiPort, defaults.username(),
                System.getProperty("bench.ami.secret", "bench-secret")), 2_000_000);
        sim.onWritten((frame, nanos) -> {
            if ("AgentCalled".equals(frame.eventName())) {
                agentCalledAt.putIfAbsent(frame.get("Linkedid"), nanos);
            } else if (frame.isResponse()) {
                SimAction a = simByActionId.remove(String.valueOf(frame.get("ActionID")));
                if (a != null) {
                    a.replied().compareAndSet(0, nanos);
                }
            }
        });
        // the phone actions hold and unhold become: when the PBX read them and when its reply was flushed
        sim.onAction((action, nanos) -> {
            if ("PJSIPNotify".equalsIgnoreCase(action.get("Action")) && action.get("ActionID") != null) {
                String event = "";
                for (String v : action.getAll("Variable")) {
                    if (v.startsWith("Event=")) {
                        event = v.substring(6);
                    }
                }
                SimAction a = new SimAction(nanos, new AtomicLong());
                simByActionId.put(action.get("ActionID"), a);
                simActions.computeIfAbsent(action.get("Endpoint") + "/" + event,
                        k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(a);
            }
        });
        sim.start();
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18190";
        int amiPort = args.length > 1 ? Integer.parseInt(args[1]) : 15238;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 50;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 45;
        ScreenPopCtiBench b = new ScreenPopCtiBench(base, amiPort, rate, seconds);
        try {
            b.run();
        } finally {
            b.sim.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("machine: %d cores, bench JDK %s, max heap %d MB; load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20,
                loadAverage());
        awaitReady();
        long t = System.nanoTime();
        seedDatabase();
        defineAgents();
        System.out.printf("set-up: %d agents, users and customers in %.1f s%n", agents, (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        connectDesks();
        System.out.printf("desktops: %d /ws/agent connections open in %.1f s (first login of each user: PBKDF2);"
                + " clients: %s%n", desks.size(), (System.nanoTime() - t) / 1e9, clients);

        long start = System.nanoTime() + 500_000_000L;
        measureFrom = start + seconds(warmupSeconds);
        measureTo = measureFrom + seconds(measuredSeconds);
        System.out.printf("load: %.0f calls/s open loop, ring %.1f s, talk %.1f s (~%.0f calls at once), hold/unhold over"
                        + " REST and over the socket per call (%.0f actions/s); warm-up %.0f s, measured %.0f s%n",
                rate, ringSeconds, talkSeconds, rate * (ringSeconds + talkSeconds), rate * 4, warmupSeconds,
                measuredSeconds);
        // the service's meters and CPU just before the window (the scrape itself is kept out of it) and at its end
        CompletableFuture<Snapshot> before = CompletableFuture.supplyAsync(this::snapshot, CompletableFuture.delayedExecutor(
                Math.max(0, measureFrom - seconds(2) - System.nanoTime()), TimeUnit.NANOSECONDS));
        String jfr = System.getProperty("bench.jfr", "");
        if (!jfr.isBlank()) {
            CompletableFuture.runAsync(() -> recordService(jfr), CompletableFuture.delayedExecutor(
                    Math.max(0, measureFrom - System.nanoTime()), TimeUnit.NANOSECONDS));
        }
        offerCalls(start);
        // offers stop at the end of the window; the last calls still ring, talk and hang up
        Snapshot after = snapshot();
        long lastEnd = measureTo + seconds(ringSeconds + talkSeconds + 3);
        while (System.nanoTime() < lastEnd) {
            Thread.sleep(200);
        }
        report(before.get(), after);
        for (Desk d : desks) {
            d.close();
        }
        keepAlive.close();
    }

    /** The service's meters, its CPU time and ours at one moment. */
    private record Snapshot(long nanos, String metrics, long serviceCpuTicks, long benchCpuNanos, String load) {
    }

    private Snapshot snapshot() {
        long cpu = serviceCpuTicks();
        long bench = benchCpuNanos();
        long now = System.nanoTime();
        return new Snapshot(now, scrapeQuietly(), cpu, bench, loadAverage());
    }

    // ---- set-up --------------------------------------------------------------------------

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + seconds(180);
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create(ManagementPort.base(base) + "/q/health/ready")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            String pid = System.getProperty("bench.service.pid");
            if (pid != null && !pid.isBlank() && !Files.exists(Path.of("/proc", pid))) {
                throw new IllegalStateException("the service (pid " + pid + ") has exited");
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("service at " + base + " not ready (last status " + last
                + "): is its node connected to the simulator on port " + sim.port() + "?");
    }

    /** Users (no API for them): an admin, one agent user per agent; customers for half the callers. */
    private void seedDatabase() throws Exception {
        String url = System.getProperty("bench.db.url",
                "jdbc:mysql://127.0.0.1:3306/switchboard_bench?nullDatabaseMeansCurrent=true");
        Properties p = new Properties();
        p.setProperty("user", System.getProperty("bench.db.user", "root"));
        p.setProperty("password", System.getProperty("bench.db.password", ""));
        String hash = PasswordHash.hash(PASSWORD); // one salted hash serves every user with this password
        long now = System.currentTimeMillis() * 1000;
        try (Connection c = new com.mysql.cj.jdbc.Driver().connect(url, p)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("replace into users (username, password_hash, roles, agent_id, "
                    + "queues, tenant, enabled) values (?, ?, ?, ?, '', 'default', true)")) {
                ps.setString(1, ADMIN);
                ps.setString(2, hash);
                ps.setString(3, "admin");
                ps.setString(4, null);
                ps.addBatch();
                for (int i = 0; i < agents; i++) {
                    ps.setString(1, agentId(i));
                    ps.setString(2, hash);
                    ps.setString(3, "agent");
                    ps.setString(4, agentId(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("replace into customers (tenant, id, name, segment, vip, "
                    + "account_id, phone, language, notes, extra, updated_us) values ('default', ?, ?, ?, ?, ?, ?, 'en', ?, "
                    + "'{\"plan\":\"business\"}', ?)")) {
                for (int i = 0; i < CALLER_NUMBERS; i += 2) {
                    ps.setString(1, "BC-" + i);
                    ps.setString(2, "Customer " + i);
                    ps.setString(3, i % 10 == 0 ? "gold" : "standard");
                    ps.setBoolean(4, i % 10 == 0);
                    ps.setString(5, "BA-" + i);
                    ps.setString(6, callerNumber(i));
                    ps.setString(7, "seeded by the screen-pop benchmark");
                    ps.setLong(8, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("replace into tickets (id, tenant, caller_number, customer_id, "
                    + "call_id, subject, status, created_at, updated_at) values (?, 'default', ?, ?, null, ?, 'open', ?, ?)")) {
                for (int i = 0; i < CALLER_NUMBERS; i += 6) {
                    ps.setString(1, "BT-" + i);
                    ps.setString(2, callerNumber(i));
                    ps.setString(3, "BC-" + i);
                    ps.setString(4, "Invoice question " + i);
                    ps.setLong(5, now);
                    ps.setLong(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    private void defineAgents() throws Exception {
        String admin = basic(ADMIN);
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String device = Integer.toString(FIRST_DEVICE + i);
            String body = String.format(Locale.ROOT, "{\"name\":\"Bench agent %d\",\"tenant\":\"default\",\"queues\":[\"%s\"],"
                    + "\"endpoints\":[{\"node\":\"%s\",\"memberInterface\":\"PJSIP/%s\",\"dial\":\"PJSIP/%s\","
                    + "\"device\":\"%s\"}]}", i, QUEUE, node, device, device, device);
            inFlight.acquire();
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/agents/" + agentId(i)))
                            .header("Authorization", admin).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release()));
            String client = clients.equals("both") ? (i % 2 == 0 ? "blocking" : "jdk") : clients;
            desks.add(new Desk(agentId(i), device, basic(agentId(i)), client));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("defining an agent failed: " + r.statusCode() + " " + r.body());
            }
        }
    }

    private void connectDesks() throws Exception {
        // a few JDK clients keep the upgrades and the reading spread over more than one selector thread
        List<HttpClient> clients = List.of(HttpClient.newHttpClient(), HttpClient.newHttpClient(),
                HttpClient.newHttpClient(), HttpClient.newHttpClient());
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/ws/agent");
        Semaphore inFlight = new Semaphore(4); // each first login costs one PBKDF2 on the service
        java.util.concurrent.ExecutorService connectors = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> hellos = new ArrayList<>();
        for (int i = 0; i < desks.size(); i++) {
            Desk d = desks.get(i);
            inFlight.acquire();
            if (d.client.equals("blocking")) {
                connectors.execute(() -> {
                    try {
                        d.blocking = BlockingWebSocket.connect(uri, d.basic, d::received);
                    } catch (Exception e) {
                        d.hello.completeExceptionally(e);
                    }
                });
            } else {
                clients.get(i % clients.size()).newWebSocketBuilder().header("Authorization", d.basic)
                        .connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, d)
                        .whenComplete((ws, e) -> {
                            if (e != null) {
                                d.hello.completeExceptionally(e);
                            } else {
                                d.jdk = ws;
                            }
                        });
            }
            hellos.add(d.hello.whenComplete((v, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(hellos.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        connectors.shutdown();
        free.addAll(desks);
        keepAlive.warm(8);
    }

    // ---- the run -------------------------------------------------------------------------

    private void offerCalls(long start) {
        long interval = (long) (1e9 / rate);
        Map<String, String> baseVars = Map.of("INTENT", "billing", "LANGUAGE", "en");
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            if (due >= measureTo) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            offerLateMaxNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
            Desk desk;
            synchronized (free) {
                desk = free.pollFirst();
            }
            if (desk == null) {
                noFreeAgent.incrementAndGet();
                continue;
            }
            Call call = new Call(due, desk);
            int n = (int) (i % CALLER_NUMBERS);
            Map<String, String> vars = n % 3 == 0 ? Map.of("INTENT", "billing", "LANGUAGE", "en", "CUSTOMER_ID", "BC-" + n)
                    : baseVars;
            call.handle = sim.offer(QUEUE, callerNumber(n), "Caller " + n, "PJSIP/" + desk.device, vars);
            synchronized (calls) {
                calls.add(call);
            }
            long answerAt = due + seconds(ringSeconds);
            at(answerAt, () -> call.handle.answer());
            String callId = node + ":" + call.handle.callId();
            at(answerAt + seconds(2), () -> restAction(call, callId, "hold", answerAt + seconds(2)));
            at(answerAt + seconds(4), () -> restAction(call, callId, "unhold", answerAt + seconds(4)));
            at(answerAt + seconds(6), () -> wsAction(call, callId, "hold", answerAt + seconds(6)));
            at(answerAt + seconds(8), () -> wsAction(call, callId, "unhold", answerAt + seconds(8)));
            at(answerAt + seconds(talkSeconds), () -> {
                call.handle.hangupCaller();
                synchronized (free) {
                    free.addLast(desk);
                }
            });
        }
    }

    private void at(long due, Runnable task) {
        timers.schedule(() -> {
            timerLateMaxNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
            try {
                task.run();
            } catch (RuntimeException e) {
                System.err.println("bench task failed: " + e);
            }
        }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void restAction(Call call, String callId, String action, long due) {
        String path = "/api/v1/cti/calls/" + callId + "/" + action;
        if (clients.equals("jdk") || (clients.equals("both") && (restCount.incrementAndGet() & 1) == 0)) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", call.desk.basic).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            long sent = System.nanoTime();
            http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long received = System.nanoTime();
                if (e != null) {
                    restErrors.incrementAndGet();
                    return;
                }
                rest.add(new RestSample("jdk", call.desk, action, due, sent, received, r.statusCode(), r.body()));
            });
            return;
        }
        restPool.execute(() -> {
            try {
                long sent = System.nanoTime();
                KeepAliveHttp.Response r = keepAlive.post(path, call.desk.basic);
                long received = System.nanoTime();
                rest.add(new RestSample("blocking", call.desk, action, due, sent, received, r.status(), r.body()));
            } catch (java.io.IOException e) {
                restErrors.incrementAndGet();
            }
        });
    }

    private void wsAction(Call call, String callId, String action, long due) {
        String id = "b" + wsIds.incrementAndGet();
        String text = "{\"id\":\"" + id + "\",\"action\":\"" + action + "\",\"callId\":\"" + callId + "\"}";
        long sent = System.nanoTime();
        wsPending.put(id, new WsPending(action, due, sent, call.desk));
        call.desk.send(text).whenComplete((ws, e) -> {
            if (e != null) {
                wsSendErrors.incrementAndGet();
            }
        });
    }

    // ---- figures -------------------------------------------------------------------------

    private boolean measured(long due) {
        return due >= measureFrom && due < measureTo;
    }

    private void report(Snapshot before, Snapshot after) throws Exception {
        String metricsBefore = before.metrics();
        String metricsAfter = after.metrics();
        // first card per call id, per desk, from the recorded messages
        Map<String, Long> firstCard = new HashMap<>();
        Map<String, long[]> wsReplies = new HashMap<>(); // id → [receivedNanos]
        Map<String, String> wsReplyText = new HashMap<>();
        long messages = 0;
        int closedDesks = 0;
        for (Desk d : desks) {
            synchronized (d) {
                messages += d.texts.size();
                for (int i = 0; i < d.texts.size(); i++) {
                    String text = d.texts.get(i);
                    long at = d.times.get(i)[0];
                    if (text.startsWith("{\"type\":\"card\"")) {
                        Matcher m = CALL_ID.matcher(text);
                        if (m.find()) {
                            firstCard.putIfAbsent(d.agentId + "|" + m.group(1), at);
                        }
                    } else if (text.startsWith("{\"type\":\"reply\"")) {
                        String id = json.readTree(text).path("reply").path("id").asText();
                        wsReplies.put(id, new long[] {at});
                        wsReplyText.put(id, text);
                    }
                }
            }
            if (d.closedReason() != null) {
                closedDesks++;
            }
        }
        Map<String, List<Long>> pop = new java.util.TreeMap<>(); // by desktop client
        Map<String, List<Long>> popAt = new java.util.TreeMap<>();
        int offered = 0;
        int written = 0;
        int missing = 0;
        int received = 0;
        synchronized (calls) {
            for (Call c : calls) {
                if (!measured(c.due)) {
                    continue;
                }
                offered++;
                Long wire = agentCalledAt.get(c.handle.callId());
                if (wire == null) {
                    continue;
                }
                written++;
                Long got = firstCard.get(c.desk.agentId + "|" + node + ":" + c.handle.callId());
                if (got == null) {
                    missing++;
                } else {
                    received++;
                    pop.computeIfAbsent(c.desk.client, k -> new ArrayList<>()).add(got - wire);
                    popAt.computeIfAbsent(c.desk.client, k -> new ArrayList<>()).add(wire);
                }
            }
        }
        double window = measuredSeconds;
        BenchReport figures = new BenchReport("cti", String.format(Locale.ROOT, "%sscripts/bench cti %s %s",
                agents == 600 ? "" : "BENCH_AGENTS=" + agents + " ", plain(rate), plain(measuredSeconds))).columns("measured", "p50", "p99", "max")
                .loadBefore(before.load().split(" ")[0]);
        List<Long> pbxAll = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : pop.entrySet()) {
            figures.row(cells(String.format(Locale.ROOT, "**pop**: AgentCalled on the wire → card at the desktop%s (%,d of %,d"
                    + " received)", clientLabel(pop.size(), e.getKey()), e.getValue().size(), written), e.getValue()));
        }
        figures.row("pop inside the service (socket read → handed to the WebSocket layer; last ~2 min)",
                ms(metric(metricsAfter, "switchboard_screenpop_latency_seconds\\{quantile=\"0.5\"\\}")),
                ms(metric(metricsAfter, "switchboard_screenpop_latency_seconds\\{quantile=\"0.99\"\\}")),
                ms(metric(metricsAfter, "switchboard_screenpop_latency_seconds_max")));
        System.out.printf("%n== screen-pop: AgentCalled flushed by the simulator → first card at the agent's /ws/agent%n");
        System.out.printf("  calls offered %d (%.1f/s), AgentCalled written %d, pops received %d, pops missing %d;"
                        + " no free agent %d; desktops closed %d; %d messages to desktops in the whole run%n",
                offered, offered / window, written, received, missing, noFreeAgent.get(), closedDesks, messages);
        for (Map.Entry<String, List<Long>> e : pop.entrySet()) {
            System.out.printf("  end to end ms (%s): %s%n", clientName(e.getKey()), summary(e.getValue()));
            worst("pop", e.getValue(), popAt.get(e.getKey()));
        }
        System.out.printf("  service's own switchboard_screenpop_latency (socket read → handed to the socket layer,"
                        + " Micrometer window ≈ last 2 min): p50 %s  p99 %s  max %s; mean over the measured window %s%n",
                ms(metric(metricsAfter, "switchboard_screenpop_latency_seconds\\{quantile=\"0.5\"\\}")),
                ms(metric(metricsAfter, "switchboard_screenpop_latency_seconds\\{quantile=\"0.99\"\\}")),
                ms(metric(metricsAfter, "switchboard_screenpop_latency_seconds_max")),
                ms(windowMean(metricsBefore, metricsAfter, "switchboard_screenpop_latency_seconds")));
        System.out.printf("  enrichment (service): p50 %s  p99 %s; ingest lag p99 %s%n",
                ms(metric(metricsAfter, "switchboard_screenpop_enrichment_latency_seconds\\{quantile=\"0.5\"\\}")),
                ms(metric(metricsAfter, "switchboard_screenpop_enrichment_latency_seconds\\{quantile=\"0.99\"\\}")),
                ms(metric(metricsAfter, "switchboard_ingest_lag_seconds\\{[^}]*quantile=\"0.99\"[^}]*\\}")));

        // CTI over REST, per client
        for (String client : List.of("blocking", "jdk")) {
            List<Long> restTotal = new ArrayList<>();
            List<Long> restPbx = new ArrayList<>();
            List<Long> restOverhead = new ArrayList<>();
            List<Long> restAt = new ArrayList<>();
            Split split = new Split();
            Map<Integer, Integer> restStatus = new java.util.TreeMap<>();
            int restSent = 0;
            for (RestSample s : rest) {
                if (!measured(s.due()) || !s.client().equals(client)) {
                    continue;
                }
                restSent++;
                restStatus.merge(s.status(), 1, Integer::sum);
                if (s.status() != 200) {
                    continue;
                }
                long total = s.received() - s.sent();
                long pbx = (long) (json.readTree(s.body()).path("latencyMs").asDouble() * 1e6);
                restTotal.add(total);
                restPbx.add(pbx);
                restOverhead.add(total - pbx);
                split.add(s.desk(), s.action(), s.sent(), s.received());
                restAt.add(s.sent());
            }
            if (restSent == 0) {
                continue;
            }
            System.out.printf("%n== CTI hold/unhold over REST (Basic auth, HTTP/1.1 keep-alive, %s): round trip at the"
                    + " client, the PBX's part (latencyMs), the difference%n", clientName(client));
            System.out.printf("  sent in the window %d (%.0f/s), statuses %s, transport errors %d%n", restSent,
                    restSent / window, restStatus, restErrors.get());
            System.out.printf("  total ms:    %s%n  PBX ms:      %s%n  overhead ms: %s%n", summary(restTotal),
                    summary(restPbx), summary(restOverhead));
            split.print();
            worst("REST total", restTotal, restAt);
            pbxAll.addAll(split.pbx);
            figures.row(cells(String.format(Locale.ROOT, "**REST hold/unhold overhead** (round trip − PBX part%s; %,d of %,d"
                    + " ok)", clientLabel(2, client), restTotal.size(), restSent), restOverhead));
            figures.row(cells("REST hold/unhold round trip" + clientLabel(2, client), restTotal));
        }

        // CTI over the desktop socket, per client
        for (String client : List.of("blocking", "jdk")) {
            List<Long> wsTotal = new ArrayList<>();
            List<Long> wsPbx = new ArrayList<>();
            List<Long> wsOverhead = new ArrayList<>();
            List<Long> wsAt = new ArrayList<>();
            Split split = new Split();
            Map<Integer, Integer> wsStatus = new java.util.TreeMap<>();
            int wsSent = 0;
            int wsMissing = 0;
            for (Map.Entry<String, WsPending> e : wsPending.entrySet()) {
                WsPending p = e.getValue();
                if (!measured(p.due()) || !p.desk().client.equals(client)) {
                    continue;
                }
                wsSent++;
                long[] got = wsReplies.get(e.getKey());
                if (got == null) {
                    wsMissing++;
                    continue;
                }
                JsonNode reply = json.readTree(wsReplyText.get(e.getKey())).path("reply");
                int status = reply.path("status").asInt();
                wsStatus.merge(status, 1, Integer::sum);
                if (status != 200) {
                    continue;
                }
                long total = got[0] - p.sent();
                long pbx = (long) (reply.path("result").path("latencyMs").asDouble() * 1e6);
                wsTotal.add(total);
                wsPbx.add(pbx);
                wsOverhead.add(total - pbx);
                split.add(p.desk(), p.action(), p.sent(), got[0]);
                wsAt.add(p.sent());
            }
            if (wsSent == 0) {
                continue;
            }
            System.out.printf("%n== CTI hold/unhold over /ws/agent (%s): request → reply on the desktop's socket%n",
                    clientName(client));
            System.out.printf("  sent in the window %d (%.0f/s), statuses %s, no reply %d, send errors %d%n", wsSent,
                    wsSent / window, wsStatus, wsMissing, wsSendErrors.get());
            System.out.printf("  total ms:    %s%n  PBX ms:      %s%n  overhead ms: %s%n", summary(wsTotal),
                    summary(wsPbx), summary(wsOverhead));
            split.print();
            worst("socket total", wsTotal, wsAt);
            pbxAll.addAll(split.pbx);
            figures.row(cells(String.format(Locale.ROOT, "**socket hold/unhold overhead**%s (%,d of %,d ok)",
                    clientLabel(2, client), wsTotal.size(), wsSent), wsOverhead));
        }
        System.out.printf("  service's own switchboard_cti_actions (request → PBX reply) hold p50 %s p99 %s; unhold p50 %s"
                        + " p99 %s%n",
                ms(metric(metricsAfter, "switchboard_cti_actions_seconds\\{action=\"hold\",outcome=\"ok\",quantile=\"0.5\"\\}")),
                ms(metric(metricsAfter, "switchboard_cti_actions_seconds\\{action=\"hold\",outcome=\"ok\",quantile=\"0.99\"\\}")),
                ms(metric(metricsAfter, "switchboard_cti_actions_seconds\\{action=\"unhold\",outcome=\"ok\",quantile=\"0.5\"\\}")),
                ms(metric(metricsAfter, "switchboard_cti_actions_seconds\\{action=\"unhold\",outcome=\"ok\",quantile=\"0.99\"\\}")));
        System.out.printf("  service's http_server_requests mean over the window: hold %s, unhold %s%n",
                ms(windowMean(metricsBefore, metricsAfter,
                        "http_server_requests_seconds", "uri=\"/api/v1/cti/calls/\\{callId\\}/hold\"")),
                ms(windowMean(metricsBefore, metricsAfter,
                        "http_server_requests_seconds", "uri=\"/api/v1/cti/calls/\\{callId\\}/unhold\"")));

        figures.row(cells("PBX's own time (action read → reply flushed, at the simulator)", pbxAll));
        double[] gcBefore = sumCount(metricsBefore, "jvm_gc_pause_seconds");
        double[] gcAfter = sumCount(metricsAfter, "jvm_gc_pause_seconds");
        System.out.printf("%n== service GC during the window: %.0f pauses, %.1f ms in all; longest in the last ~2 min %s%n",
                gcAfter[1] - gcBefore[1], (gcAfter[0] - gcBefore[0]) * 1e3,
                ms(maxOf(metricsAfter, "jvm_gc_pause_seconds_max")));
        double span = (after.nanos() - before.nanos()) / 1e9;
        System.out.printf("%n== machine during the window: load average at its end %s; service CPU %s; bench JVM CPU %.0f%%"
                        + " of one core; schedule lateness max: offers %.1f ms, timed steps %.1f ms%n", after.load(),
                before.serviceCpuTicks() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%% of one core",
                        (after.serviceCpuTicks() - before.serviceCpuTicks()) / 100.0 / span * 100),
                (after.benchCpuNanos() - before.benchCpuNanos()) / 1e9 / span * 100, offerLateMaxNanos.get() / 1e6,
                timerLateMaxNanos.get() / 1e6);
        figures.note(String.format(Locale.ROOT, "%d agents, %s calls/s open loop (~%.0f calls up at once), %.0f"
                        + " actions/s; service CPU %s; %.0f GC pauses (%.0f ms in all) in the window; load average at its"
                        + " end %s.", agents, plain(rate), rate * (ringSeconds + talkSeconds), rate * 4,
                before.serviceCpuTicks() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f %% of one core",
                        (after.serviceCpuTicks() - before.serviceCpuTicks()) / 100.0 / span * 100),
                gcAfter[1] - gcBefore[1], (gcAfter[0] - gcBefore[0]) * 1e3, after.load())).write();
    }

    /** A table row: the label, then p50, p99 and max of nanosecond samples. */
    private static Object[] cells(String label, List<Long> nanos) {
        if (nanos.isEmpty()) {
            return new Object[] {label, "no samples", "", ""};
        }
        long[] v = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Object[] {label, String.format(Locale.ROOT, "%.1f ms", pct(v, 50)),
                String.format(Locale.ROOT, "%.1f ms", pct(v, 99)), String.format(Locale.ROOT, "%.1f ms", v[v.length - 1] / 1e6)};
    }

    /** The desktop client's name in a row label, when the run used more than one. */
    private String clientLabel(int clientsInRun, String client) {
        return clientsInRun > 1 && "both".equals(clients) ? " (" + clientName(client) + ")" : "";
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /**
     * A round trip cut where the simulated PBX saw it: request sent → the PBX read the action (the
     * service's way in), the PBX's own handling until its reply was flushed, reply flushed → the
     * client had the answer (the service's way out).
     */
    private final class Split {
        final List<Long> in = new ArrayList<>();
        final List<Long> pbx = new ArrayList<>();
        final List<Long> out = new ArrayList<>();
        final List<Long> service = new ArrayList<>();
        int unmatched;

        void add(Desk desk, String action, long sent, long received) {
            List<SimAction> seen = simActions.get(desk.device + "/" + (action.equals("hold") ? "hold" : "talk"));
            SimAction match = null;
            if (seen != null) {
                synchronized (seen) {
                    for (SimAction a : seen) {
                        if (a.received() >= sent && a.received() <= received) {
                            match = a;
                            break;
                        }
                    }
                }
            }
            long replied = match == null ? 0 : match.replied().get();
            if (replied == 0) {
                unmatched++;
                return;
            }
            in.add(match.received() - sent);
            pbx.add(replied - match.received());
            out.add(received - replied);
            service.add(match.received() - sent + received - replied);
        }

        void print() {
            System.out.printf("  cut at the simulated PBX (%d not matched):%n    in  (sent → PBX read the action) ms:    %s%n"
                            + "    PBX (action read → reply flushed) ms:    %s%n    out (reply flushed → answer at client) ms: %s%n"
                            + "    in + out ms:                             %s%n", unmatched, summary(in), summary(pbx),
                    summary(out), summary(service));
        }
    }

    /** With -Dbench.worst=n: the n slowest samples and the wall-clock time they started (to match with GC logs, JFR). */
    private static void worst(String what, List<Long> nanos, List<Long> startedNanos) {
        int n = Integer.getInteger("bench.worst", 0);
        if (n <= 0 || nanos.isEmpty()) {
            return;
        }
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(java.time.ZoneId.systemDefault());
        Integer[] order = new Integer[nanos.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(nanos.get(b), nanos.get(a)));
        StringBuilder sb = new StringBuilder("    slowest " + what + ":");
        for (int i = 0; i < Math.min(n, order.length); i++) {
            long at = nowMillis - (nowNanos - startedNanos.get(order[i])) / 1_000_000;
            sb.append(String.format(Locale.ROOT, " %.1f ms @%s", nanos.get(order[i]) / 1e6,
                    f.format(java.time.Instant.ofEpochMilli(at))));
        }
        System.out.println(sb);
    }

    private static String clientName(String client) {
        return switch (client) {
            case "blocking" -> "blocking-socket client";
            case "jdk" -> "JDK java.net.http client";
            default -> client;
        };
    }

    private static String summary(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no samples";
        }
        long[] v = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (n=%d)", pct(v, 50),
                pct(v, 90), pct(v, 99), pct(v, 99.9), v[v.length - 1] / 1e6, v.length);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    // ---- service metrics and CPU ---------------------------------------------------------

    private String scrapeQuietly() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(ManagementPort.base(base) + "/q/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    /** Seconds, or NaN when absent. */
    private static double metric(String body, String seriesRegex) {
        if (body == null) {
            return Double.NaN;
        }
        Matcher m = Pattern.compile("(?m)^" + seriesRegex + " (\\S+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** The largest value of the series {@code name} over all its labels, or NaN. */
    private static double maxOf(String body, String name) {
        double max = Double.NaN;
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(body == null ? "" : body);
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            max = Double.isNaN(max) ? v : Math.max(max, v);
        }
        return max;
    }

    /** Sum of the _sum / _count series of {@code name} matching {@code labelRegex}, as a mean between two scrapes. */
    private static double windowMean(String before, String after, String name, String... labelRegex) {
        double[] b = sumCount(before, name, labelRegex);
        double[] a = sumCount(after, name, labelRegex);
        double n = a[1] - b[1];
        return n <= 0 ? Double.NaN : (a[0] - b[0]) / n;
    }

    private static double[] sumCount(String body, String name, String... labelRegex) {
        double[] out = new double[2];
        if (body == null) {
            return out;
        }
        String labels = labelRegex.length == 0 ? "(\\{[^}]*\\})?" : "\\{[^}]*" + labelRegex[0] + "[^}]*\\}";
        for (int k = 0; k < 2; k++) {
            Matcher m = Pattern.compile("(?m)^" + name + (k == 0 ? "_sum" : "_count") + labels + " (\\S+)$").matcher(body);
            while (m.find()) {
                out[k] += Double.parseDouble(m.group(m.groupCount()));
            }
        }
        return out;
    }

    private static String ms(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
    }

    /** A flight recording of the service during the measured window only (set-up and logins left out). */
    private void recordService(String file) {
        String pid = System.getProperty("bench.service.pid");
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), pid, "JFR.start", "name=bench", "settings=profile",
                    "duration=" + Math.round(measuredSeconds) + "s", "filename=" + Path.of(file).toAbsolutePath())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                System.err.println("JFR.start failed: " + out);
            }
        } catch (Exception e) {
            System.err.println("JFR.start failed: " + e);
        }
    }

    /** utime + stime of the service process in clock ticks (1/100 s), or -1. */
    private static long serviceCpuTicks() {
        String pid = System.getProperty("bench.service.pid");
        if (pid == null || pid.isBlank()) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return -1;
        }
    }

    private static long benchCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    // ---- small things --------------------------------------------------------------------

    private static String agentId(int i) {
        return String.format(Locale.ROOT, "bench%03d", i + 1);
    }

    private static String callerNumber(int i) {
        return "+1555" + (1_000_000 + i);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }
}
