package io.switchboard.security;

import io.switchboard.testing.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** API keys: created by admins of a tenant, used by integrations, revoked at once, never shown twice nor logged. */
@QuarkusTest
class ApiKeysTest {

    private static final String PASSWORD = "pw-keys";

    @Inject
    UserStore users;
    @Inject
    ApiKeyStore store;

    private String tenant;
    private String admin;

    @BeforeEach
    void tenant() {
        String suffix = Long.toString(System.nanoTime(), 36);
        tenant = "keys-" + suffix;
        admin = "kadmin-" + suffix;
        users.save(admin, PASSWORD, Set.of(Roles.ADMIN), null, Set.of(), tenant);
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON);
    }

    private static RequestSpecification withKey(String key) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON);
    }

    private JsonPath create(String name, Integer days) {
        Map<String, Object> body = days == null ? Map.of("name", name) : Map.of("name", name, "expiresInDays", days);
        return as(admin).body(body).post("/api/v1/api-keys").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void anAdminMakesAKeyAnIntegrationUsesItAndRevokingStopsItAtOnce() {
        String key;
        long id;
        try (LogCapture logs = LogCapture.start()) {
            JsonPath created = create("crm-sync", 30);
            key = created.getString("key");
            id = created.getLong("id");
            assertThat(key).startsWith("sbk_").hasSize(47).startsWith(created.getString("prefix"));
            assertThat(created.getString("prefix")).hasSize(12);
            assertThat(Duration.between(Instant.parse(created.getString("createdAt")),
                    Instant.parse(created.getString("expiresAt")))).isEqualTo(Duration.ofDays(30));

            // both header forms; the key acts as an integration of the admin's tenant
            String ticket = withKey(key).body(Map.of("kind", "general", "subject", "from the CRM"))
                    .post("/api/v1/tickets").then().statusCode(201).body("createdBy", equalTo("apikey:crm-sync"))
                    .extract().path("id");
            given().header("Authorization", "ApiKey " + key).get("/api/v1/tickets").then().statusCode(200)
                    .body("id", hasItem(ticket));
            as(admin).get("/api/v1/tickets").then().statusCode(200).body("id", hasItem(ticket));
            withKey(key).get("/api/v1/session").then().statusCode(200).body("user", equalTo("apikey:crm-sync"))
                    .body("roles", equalTo(java.util.List.of(Roles.INTEGRATION)));
            // an integration is not an admin
            withKey(key).get("/api/v1/api-keys").then().statusCode(403);

            // the list shows the prefix, never the key; the use is recorded off the request path
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(admin).get("/api/v1/api-keys").then()
                    .statusCode(200).body("find { it.id == " + id + " }.lastUsedAt", notNullValue()));
            String list = as(admin).get("/api/v1/api-keys").then().statusCode(200)
                    .body("find { it.id == " + id + " }.status", equalTo("active"))
                    .body("find { it.id == " + id + " }.createdBy", equalTo(admin))
                    .body("find { it.id == " + id + " }.key", nullValue())
                    .extract().asString();
            assertThat(list).doesNotContain(key).contains(key.substring(0, 12));

            as(admin).delete("/api/v1/api-keys/" + id).then().statusCode(204);
            withKey(key).get("/api/v1/tickets").then().statusCode(401).contentType(ContentType.JSON)
                    .body("status", equalTo(401)).body("message", containsString("API key"));
            given().header("Authorization", "ApiKey " + key).get("/api/v1/tickets").then().statusCode(401);
            as(admin).get("/api/v1/api-keys").then().statusCode(200)
                    .body("find { it.id == " + id + " }.status", equalTo("revoked"))
                    .body("find { it.id == " + id + " }.revokedAt", notNullValue());
            // revoking again changes nothing
            as(admin).delete("/api/v1/api-keys/" + id).then().statusCode(204);
            assertThat(logs.text()).contains("API key " + id).doesNotContain(key).doesNotContain(key.substring(12));
            // creation and revocation are in the audit trail, as the list shows the key: never the secret
            String trail = as(admin).queryParam("action", "apikey.").queryParam("targetId", "crm-sync")
                    .get("/api/v1/audit").then().statusCode(200)
                    .body("items.action", org.hamcrest.Matchers.hasItems("apikey.create", "apikey.revoke"))
                    .extract().asString();
            assertThat(trail).contains("\"revoked\"").doesNotContain(key).doesNotContain(key.substring(12));
        }
        assertThat(store.findByHash(ApiKeySecrets.hash(key)).orElseThrow().secretHash())
                .isEqualTo(ApiKeySecrets.hash(key));
    }

    @Test
    void unknownMalformedAndExpiredKeysAreRefused() {
        String key = create("metrics-pull", null).getString("key");
        withKey(key).get("/api/v1/tickets").then().statusCode(200);
        String wrong = key.substring(0, key.length() - 2) + (key.endsWith("AA") ? "BB" : "AA");
        withKey(wrong).get("/api/v1/tickets").then().statusCode(401);
        withKey(ApiKeySecrets.generate()).get("/api/v1/tickets").then().statusCode(401);
        withKey("sbk_short").get("/api/v1/tickets").then().statusCode(401);
        given().header("Authorization", "ApiKey ").get("/api/v1/tickets").then().statusCode(401);

        // a key stored with an end two seconds away: accepted (and remembered), then refused when it passes
        String soon = ApiKeySecrets.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApiKey k = store.insert(tenant, "short-lived", ApiKeySecrets.prefix(soon), ApiKeySecrets.hash(soon),
                Roles.INTEGRATION, admin, now, now.plusSeconds(2));
        withKey(soon).get("/api/v1/tickets").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> withKey(soon).get("/api/v1/tickets").statusCode() == 401);
        as(admin).get("/api/v1/api-keys").then().statusCode(200)
                .body("find { it.id == " + k.id() + " }.status", equalTo("expired"));

        String past = ApiKeySecrets.generate();
        store.insert(tenant, "expired", ApiKeySecrets.prefix(past), ApiKeySecrets.hash(past), Roles.INTEGRATION, admin,
                now.minusSeconds(7200), now.minusSeconds(3600));
        withKey(past).get("/api/v1/tickets").then().statusCode(401);
    }

    @Test
    void onlyAdminsOfTheKeysTenantSeeAndRevokeIt() {
        long id = create("tenant-only", null).getLong("id");
        String suffix = Long.toString(System.nanoTime(), 36);
        String otherAdmin = "kadmin2-" + suffix;
        String supervisor = "ksuper-" + suffix;
        users.save(otherAdmin, PASSWORD, Set.of(Roles.ADMIN), null, Set.of(), "keys-other-" + suffix);
        users.save(supervisor, PASSWORD, Set.of(Roles.SUPERVISOR), null, Set.of(), tenant);

        as(otherAdmin).get("/api/v1/api-keys").then().statusCode(200).body("id", not(hasItem((int) id)));
        as(otherAdmin).delete("/api/v1/api-keys/" + id).then().statusCode(404).body("status", equalTo(404));
        as(admin).get("/api/v1/api-keys").then().statusCode(200)
                .body("find { it.id == " + id + " }.status", equalTo("active"));

        as(supervisor).get("/api/v1/api-keys").then().statusCode(403);
        as(supervisor).body(Map.of("name", "mine")).post("/api/v1/api-keys").then().statusCode(403);
        as(supervisor).delete("/api/v1/api-keys/" + id).then().statusCode(403);
        given().get("/api/v1/api-keys").then().statusCode(401);
        as(admin).delete("/api/v1/api-keys/not-a-number").then().statusCode(404);
    }

    @Test
    void badNamesAndLifetimesAreRefusedWithTheReason() {
        as(admin).body(Map.of("name", "crm\r\nX-Injected: 1")).post("/api/v1/api-keys").then().statusCode(400)
                .body("details[0]", containsString("name"));
        as(admin).body(Map.of("name", " ")).post("/api/v1/api-keys").then().statusCode(400);
        as(admin).body(Map.of("name", "x".repeat(65))).post("/api/v1/api-keys").then().statusCode(400)
                .body("details[0]", containsString("name"));
        as(admin).body(Map.of("name", "ok", "expiresInDays", 0)).post("/api/v1/api-keys").then().statusCode(400)
                .body("details[0]", containsString("expiresInDays"));
        as(admin).body(Map.of()).post("/api/v1/api-keys").then().statusCode(400);
        create("twice", null);
        as(admin).body(Map.of("name", "twice")).post("/api/v1/api-keys").then().statusCode(409)
                .body("message", containsString("revoke it first"));
    }
}
