package io.switchboard.workflow.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for chat webhooks and an SMS gateway. It records every request;
 * {@code /slow…} answers after {@link #SLOW_MILLIS} (longer than the channels' test timeouts), a body
 * naming {@code +000503} gets 503, one naming {@code +000flaky…} gets 503 the first time only.
 */
final class LocalHttp implements AutoCloseable {

    static final long SLOW_MILLIS = 1_500;

    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    LocalHttp() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests to {@code path} whose body contains {@code marker}. */
    List<Request> requests(String path, String marker) {
        return requests(path).stream().filter(r -> r.body().contains(marker)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = x.getRequestURI().getPath();
        requests.add(new Request(x.getRequestMethod(), path, x.getRequestURI().getRawQuery(),
                Map.copyOf(x.getRequestHeaders()), body));
        int status = 200;
        if (path.startsWith("/slow")) {
            try {
                Thread.sleep(SLOW_MILLIS); // the far end being slow is what is tested
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (body.contains("+000503")) {
            status = 503;
        } else if (body.contains("+000flaky")) {
            String key = body.replaceAll(".*(\\+000flaky\\w*).*", "$1");
            status = seen.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement() == 0 ? 503 : 200;
        }
        try {
            x.sendResponseHeaders(status, -1);
        } finally {
            x.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
