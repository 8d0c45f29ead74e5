package io.switchboard.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every role, against the running service, from the matrix in
 * {@code docs/security.md}: 401 without credentials, 403 for a role not ticked, no role refusal
 * for a role ticked. The endpoints come from the service's own OpenAPI document, so a new
 * endpoint without a row fails here.
 */
@QuarkusTest
class EndpointRoleMatrixTest {

    private static final PermissionMatrix MATRIX = PermissionMatrix.read(Path.of("docs/security.md"));
    private static final String ROLE_REFUSAL = "not allowed for this user's roles";
    private static final String PASSWORD = "matrix-pw";
    private static final Set<String> VERBS = Set.of("get", "post", "put", "patch", "delete");

    @Inject
    UserStore users;
    @Inject
    ObjectMapper mapper;
    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void users() {
        for (String role : List.of(Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION)) {
            users.save(user(role), PASSWORD, Set.of(role), Roles.AGENT.equals(role) ? user(role) : null, Set.of(),
                    "default");
        }
    }

    @Test
    void theMatrixNamesExactlyTheServicesEndpoints() throws Exception {
        JsonNode paths = openApiPaths();
        Set<String> served = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(verb -> {
                if (VERBS.contains(verb)) {
                    served.add(verb.toUpperCase() + " " + path.getKey());
                }
            });
        }
        Set<String> documented = new TreeSet<>();
        MATRIX.http().forEach(r -> documented.add(r.name()));
        assertThat(documented).as("rows of docs/security.md").isEqualTo(served);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (PermissionMatrix.Row row : MATRIX.http()) {
            for (String column : PermissionMatrix.COLUMNS) {
                tests.add(DynamicTest.dynamicTest(row.name() + " as " + column, () -> check(row, column)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everySocketForEveryRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (PermissionMatrix.Row row : MATRIX.sockets()) {
            for (String column : PermissionMatrix.COLUMNS) {
                tests.add(DynamicTest.dynamicTest(row.name() + " as " + column, () -> checkSocket(row, column)));
            }
        }
        return tests.stream();
    }

    private void check(PermissionMatrix.Row row, String column) throws Exception {
        RequestSpecification request = given().redirects().follow(false);
        if (!"anonymous".equals(column)) {
            request = request.auth().preemptive().basic(user(column), PASSWORD);
        }
        if (Set.of("POST", "PUT", "PATCH").contains(row.method())) {
            String type = bodyType(row);
            request = type.contains("json") ? request.contentType(type).body("{}")
                    : request.contentType(type).body(new byte[0]);
        }
        Response response = request.request(row.method(), concrete(row.path()));
        int status = response.statusCode();
        boolean roleRefused = status == 403 && response.asString().contains(ROLE_REFUSAL);
        String what = row.name() + " as " + column + " answered " + status + " " + response.asString();
        if (row.allowed().contains(column)) {
            assertThat(status).as(what).isNotEqualTo(401);
            assertThat(roleRefused).as(what).isFalse();
        } else if ("anonymous".equals(column)) {
            assertThat(status).as(what).isEqualTo(401);
        } else {
            assertThat(roleRefused).as(what).isTrue();
        }
    }

    private void checkSocket(PermissionMatrix.Row row, String column) throws Exception {
        URI uri = URI.create(root.toString().replaceFirst("^http", "ws")).resolve(row.path().substring(1));
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        if (!"anonymous".equals(column)) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user(column) + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        int status;
        try {
            WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
            }).get(15, TimeUnit.SECONDS);
            socket.abort();
            status = 101;
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (!(e.getCause() instanceof WebSocketHandshakeException h)) {
                throw e;
            }
            status = h.getResponse().statusCode();
        }
        String what = row.name() + " as " + column;
        if (row.allowed().contains(column)) {
            assertThat(status).as(what).isEqualTo(101);
        } else {
            assertThat(status).as(what).isEqualTo("anonymous".equals(column) ? 401 : 403);
        }
    }

    private JsonNode openApiPaths() throws Exception {
        return mapper.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .path("paths");
    }

    /** The body type the operation takes, so the request reaches the role check instead of a 415. */
    private String bodyType(PermissionMatrix.Row row) throws Exception {
        JsonNode content = openApiPaths().path(row.path()).path(row.method().toLowerCase()).path("requestBody")
                .path("content");
        if (content.has("application/json") || !content.fieldNames().hasNext()) {
            return "application/json";
        }
        String first = content.fieldNames().next();
        return first.contains("*") ? "application/octet-stream" : first;
    }

    /** A path with its parameters filled: unknown ids are fine, the role check comes first. */
    private static String concrete(String path) {
        return path.replace("{mode}", "listen").replace("{version}", "1").replaceAll("\\{[^}]+}", "matrix-x");
    }

    private static String user(String role) {
        return "matrix-" + role;
    }
}
