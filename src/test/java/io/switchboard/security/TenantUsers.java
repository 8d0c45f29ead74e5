package io.switchboard.security;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Set;

import static io.restassured.RestAssured.given;

/** Users of given tenants and roles for tenancy tests; each test class names its own. */
public final class TenantUsers {

    public static final String PASSWORD = "pw-tenants";

    private TenantUsers() {
    }

    /** Saves (or resets) a user with one role in {@code tenant}; returns its name. */
    public static String save(UserStore users, String name, String role, String tenant) {
        users.save(name, PASSWORD, Set.of(role), null, Set.of(), tenant);
        return name;
    }

    /** A JSON request signed in as {@code user}. */
    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON);
    }
}
