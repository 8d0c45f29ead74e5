package io.switchboard.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Bearer tokens of an OpenID Connect provider, with Switchboard's roles, tenant, agent and queues
 * from their claims; Basic and API keys keep working beside them.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
class OidcTest {

    private static final String PASSWORD = "pw-oidc";

    @Inject
    UserStore users;

    private String tenant;
    private String otherTenant;
    private String suffix;

    @BeforeEach
    void tenants() {
        suffix = Long.toString(System.nanoTime(), 36);
        tenant = "oidc-" + suffix;
        otherTenant = "oidc-other-" + suffix;
        users.save("oagent-" + suffix, PASSWORD, Set.of(Roles.AGENT), null, Set.of(), tenant);
        users.save("oagent2-" + suffix, PASSWORD, Set.of(Roles.AGENT), null, Set.of(), otherTenant);
        users.save("oadmin-" + suffix, PASSWORD, Set.of(Roles.ADMIN), null, Set.of(), tenant);
    }

    private JwtClaimsBuilder claims(String user, List<String> roles) {
        return Jwt.issuer(OidcProfile.ISSUER).subject(user).preferredUserName(user).claim("roles", roles)
                .claim("tenant", tenant).expiresIn(300);
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static RequestSpecification basic(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON);
    }

    private static Map<String, Object> ticket(String subject) {
        return Map.of("kind", "general", "subject", subject);
    }

    @Test
    void aSupervisorTokenReachesItsTenantsDataOnly() {
        String mine = basic("oagent-" + suffix).body(ticket("ours")).post("/api/v1/tickets").then().statusCode(201)
                .extract().path("id");
        String theirs = basic("oagent2-" + suffix).body(ticket("theirs")).post("/api/v1/tickets").then().statusCode(201)
                .extract().path("id");
        String token = claims("osuper-" + suffix, List.of(Roles.SUPERVISOR, "offline_access"))
                .claim("agent_id", "agent-" + suffix).claim("queues", List.of("support", "vip"))
                .sign(OidcProfile.signingKey());

        bearer(token).get("/api/v1/tickets").then().statusCode(200)
                .body("id", hasItem(mine)).body("id", not(hasItem(theirs)));
        bearer(token).get("/api/v1/tickets/" + theirs).then().statusCode(404);
        bearer(token).body(ticket("by token")).post("/api/v1/tickets").then().statusCode(201)
                .body("createdBy", equalTo("osuper-" + suffix)).body("agentId", equalTo("agent-" + suffix));
        // only Switchboard's roles count
        bearer(token).get("/api/v1/session").then().statusCode(200).body("user", equalTo("osuper-" + suffix))
                .body("roles", equalTo(List.of(Roles.SUPERVISOR))).body("agentId", equalTo("agent-" + suffix));
        bearer(token).get("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void forgedExpiredTenantlessAndForeignRoleTokensGetNothing() throws NoSuchAlgorithmException {
        PrivateKey other = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String user = "osuper-" + suffix;
        bearer(claims(user, List.of(Roles.SUPERVISOR)).sign(other)).get("/api/v1/tickets").then().statusCode(401);

        long past = System.currentTimeMillis() / 1000 - 3600;
        bearer(claims(user, List.of(Roles.SUPERVISOR)).issuedAt(past - 300).expiresAt(past)
                .sign(OidcProfile.signingKey())).get("/api/v1/tickets").then().statusCode(401);

        bearer(Jwt.issuer(OidcProfile.ISSUER).subject(user).claim("roles", List.of(Roles.SUPERVISOR)).expiresIn(300)
                .sign(OidcProfile.signingKey())).get("/api/v1/tickets").then().statusCode(401);

        bearer(claims(user, List.of(Roles.SUPERVISOR)).issuer("https://elsewhere.test").sign(OidcProfile.signingKey()))
                .get("/api/v1/tickets").then().statusCode(401);

        String foreign = claims(user, List.of("superuser", "Admin")).sign(OidcProfile.signingKey());
        bearer(foreign).get("/api/v1/tickets").then().statusCode(403);
        bearer(foreign).get("/api/v1/session").then().statusCode(200).body("roles", equalTo(List.of()));
    }

    @Test
    void basicAndApiKeysStillWorkBesideTokens() {
        basic("oagent-" + suffix).get("/api/v1/tickets").then().statusCode(200);
        basic("oagent-" + suffix).auth().preemptive().basic("oagent-" + suffix, "wrong").get("/api/v1/tickets")
                .then().statusCode(401);
        String key = basic("oadmin-" + suffix).body(Map.of("name", "beside-oidc")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        given().header("X-API-Key", key).get("/api/v1/tickets").then().statusCode(200);
        given().header("Authorization", "ApiKey " + key).get("/api/v1/tickets").then().statusCode(200);
        given().get("/api/v1/tickets").then().statusCode(401);
    }
}
