package io.switchboard.screenpop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The HTTP directory against a real local HTTP server: answers, timeout and circuit breaker. */
class HttpCustomerDirectoryTest {

    /** What the server does with the next request. */
    private enum Mode { FOUND, NOT_FOUND, SLOW, ERROR, MALFORMED }

    private static final String CUSTOMER = """
            {"id":"C-1001","name":"Anna Schmidt","segment":"premium","vip":true,"accountId":"A-7",
             "language":"de","notes":"Prefers e-mail","extra":{"contract":"gold","since":2019,"none":null}}
            """;

    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<HttpExchangeSeen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile Mode mode = Mode.FOUND;
    private HttpServer server;
    private HttpCustomerDirectory directory;

    record HttpExchangeSeen(URI uri, String authorization, String accept) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/customers", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stop() {
        if (directory != null) {
            directory.close();
        }
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        hits.incrementAndGet();
        seen.add(new HttpExchangeSeen(x.getRequestURI(), x.getRequestHeaders().getFirst("Authorization"),
                x.getRequestHeaders().getFirst("Accept")));
        switch (mode) {
            case FOUND -> reply(x, 200, CUSTOMER);
            case NOT_FOUND -> reply(x, 404, "{\"error\":\"no such customer\"}");
            case ERROR -> reply(x, 503, "down");
            case MALFORMED -> reply(x, 200, "{\"id\":");
            case SLOW -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(x, 200, CUSTOMER);
            }
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private HttpCustomerDirectory directory(Duration timeout, int volume, Duration delay) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/customers");
        directory = new HttpCustomerDirectory(new HttpCustomerDirectory.Settings(url, timeout,
                Optional.of("Bearer s3cret"), volume, 0.5, delay, 1), new ObjectMapper());
        return directory;
    }

    private static final CustomerQuery QUERY = new CustomerQuery("acme", "+49 30 123", "C-1001", null);

    private static Optional<Customer> find(HttpCustomerDirectory d) throws Exception {
        return d.find(QUERY).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(HttpCustomerDirectory d) {
        Throwable t = catchThrowable(() -> find(d));
        assertThat(t).isInstanceOf(ExecutionException.class);
        return t.getCause();
    }

    @Test
    void aKnownCustomerIsReadFromTheJson() throws Exception {
        Optional<Customer> c = find(directory(Duration.ofSeconds(2), 4, Duration.ofSeconds(1)));

        assertThat(c).contains(new Customer("C-1001", "Anna Schmidt", "premium", true, "A-7", "de", "Prefers e-mail",
                Map.of("contract", "gold", "since", "2019")));
        HttpExchangeSeen request = seen.getFirst();
        assertThat(request.uri().getPath()).isEqualTo("/customers");
        assertThat(request.uri().getRawQuery()).isEqualTo("number=%2B49%2030%20123&customerId=C-1001&tenant=acme");
        assertThat(request.uri().getQuery()).isEqualTo("number=+49 30 123&customerId=C-1001&tenant=acme");
        assertThat(request.authorization()).isEqualTo("Bearer s3cret");
        assertThat(request.accept()).isEqualTo("application/json");
    }

    @Test
    void notFoundIsAnEmptyAnswerNotAFailure() throws Exception {
        mode = Mode.NOT_FOUND;
        assertThat(find(directory(Duration.ofSeconds(2), 4, Duration.ofSeconds(1)))).isEmpty();
    }

    @Test
    void aMalformedAnswerIsAnError() {
        mode = Mode.MALFORMED;
        Throwable t = failure(directory(Duration.ofSeconds(2), 4, Duration.ofSeconds(1)));
        assertThat(t).isInstanceOf(DirectoryException.class);
        assertThat(DirectoryOutcome.of(t)).isEqualTo(DirectoryOutcome.ERROR);
    }

    @Test
    void aSlowDirectoryTimesOut() {
        mode = Mode.SLOW;
        HttpCustomerDirectory d = directory(Duration.ofMillis(300), 4, Duration.ofSeconds(1));
        long start = System.nanoTime();
        Throwable t = failure(d);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(DirectoryOutcome.of(t)).isEqualTo(DirectoryOutcome.TIMEOUT);
        assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofMillis(2_500));
    }

    @Test
    void serverErrorsOpenTheCircuitWhichFailsFastAndClosesAfterTheDelay() throws Exception {
        mode = Mode.ERROR;
        HttpCustomerDirectory d = directory(Duration.ofSeconds(2), 4, Duration.ofMillis(800));
        for (int i = 0; i < 4; i++) {
            Throwable t = failure(d);
            assertThat(t).isInstanceOf(DirectoryException.class).hasMessageContaining("503");
        }
        assertThat(hits).hasValue(4);

        // open: failed at once, the directory is not called
        mode = Mode.FOUND;
        long start = System.nanoTime();
        Throwable open = failure(d);
        assertThat(open).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(DirectoryOutcome.of(open)).isEqualTo(DirectoryOutcome.CIRCUIT_OPEN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        assertThat(hits).hasValue(4);

        // after the delay one trial goes through; it succeeds and the circuit closes
        await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> {
            CompletableFuture<Optional<Customer>> f = d.find(QUERY).toCompletableFuture();
            return f.handle((c, t) -> c != null && c.isPresent()).get(5, TimeUnit.SECONDS);
        });
        assertThat(hits).hasValue(5);
        assertThat(find(d)).isPresent();
        assertThat(hits).hasValue(6);
    }
}
