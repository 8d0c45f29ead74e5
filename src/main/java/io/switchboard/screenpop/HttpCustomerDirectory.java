package io.switchboard.screenpop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A customer directory behind HTTP: {@code GET <url>?number=…&customerId=…&accountId=…&tenant=…},
 * 200 with a JSON customer, 404 when there is none. Each lookup has a timeout; a circuit breaker
 * (SmallRye Fault Tolerance) stops calling a directory that keeps failing, so that cards do not
 * all wait out the timeout, and lets one trial lookup through after a delay.
 */
public final class HttpCustomerDirectory implements CustomerDirectory {

    private static final Logger LOG = Logger.getLogger(HttpCustomerDirectory.class);

    /** How the directory is reached and when it is given up on; see {@link ScreenPopConfig.Http}. */
    public record Settings(URI url, Duration timeout, Optional<String> authorization, int requestVolume,
                           double failureRatio, Duration delay, int successThreshold) {

        public static Settings from(ScreenPopConfig.Http c) {
            URI url = URI.create(c.url().orElseThrow(() -> new IllegalStateException(
                    "switchboard.screenpop.directory=http needs switchboard.screenpop.http.url")));
            ScreenPopConfig.CircuitBreaker cb = c.circuitBreaker();
            return new Settings(url, c.timeout(), c.authorization(), cb.requestVolume(), cb.failureRatio(),
                    cb.delay(), cb.successThreshold());
        }
    }

    private final Settings settings;
    private final ObjectMapper mapper;
    private final HttpClient client;
    private final TypedGuard<CompletionStage<Optional<Customer>>> guard;

    public HttpCustomerDirectory(Settings settings, ObjectMapper mapper) {
        this.settings = settings;
        this.mapper = mapper;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.guard = TypedGuard.create(new TypeLiteral<CompletionStage<Optional<Customer>>>() {
                })
                .withDescription("screen-pop customer directory")
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.requestVolume())
                .failureRatio(settings.failureRatio())
                .delay(settings.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(settings.successThreshold())
                .onStateChange(state -> LOG.infof("customer directory circuit %s (%s)", state, settings.url()))
                .done()
                .withTimeout()
                .duration(settings.timeout().toMillis(), ChronoUnit.MILLIS)
                .done()
                .build();
    }

    @Override
    public CompletionStage<Optional<Customer>> find(CustomerQuery query) {
        return guard.get(() -> send(query));
    }

    private CompletionStage<Optional<Customer>> send(CustomerQuery q) {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri(q))
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .GET();
        settings.authorization().ifPresent(a -> req.header("Authorization", a));
        return client.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(this::answer);
    }

    URI uri(CustomerQuery q) {
        StringBuilder query = new StringBuilder();
        param(query, "number", q.callerNumber());
        param(query, "customerId", q.customerId());
        param(query, "accountId", q.accountId());
        param(query, "tenant", q.tenant());
        String base = settings.url().toString();
        if (query.isEmpty()) {
            return settings.url();
        }
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    private static void param(StringBuilder query, String name, String value) {
        if (value == null) {
            return;
        }
        if (!query.isEmpty()) {
            query.append('&');
        }
        // %20 rather than '+' for a space: not every server reads '+' in a query as a space
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private Optional<Customer> answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 404 || status == 204) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new DirectoryException("customer directory answered HTTP " + status);
        }
        try {
            JsonNode n = mapper.readTree(response.body());
            if (n == null || !n.isObject()) {
                throw new DirectoryException("customer directory answered 200 without a JSON object");
            }
            return Optional.of(customer(n));
        } catch (IOException e) {
            throw new DirectoryException("customer directory answered 200 with malformed JSON", e);
        }
    }

    private static Customer customer(JsonNode n) {
        Map<String, String> extra = new LinkedHashMap<>();
        JsonNode x = n.path("extra");
        if (x.isObject()) {
            x.properties().forEach(e -> {
                JsonNode v = e.getValue();
                if (!v.isNull()) {
                    extra.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
                }
            });
        }
        JsonNode vip = n.path("vip");
        return new Customer(text(n, "id"), text(n, "name"), text(n, "segment"),
                vip.isBoolean() ? vip.booleanValue() : "true".equalsIgnoreCase(vip.asText()),
                text(n, "accountId"), text(n, "language"), text(n, "notes"), extra);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public void close() {
        client.close();
    }
}
