package io.switchboard.testing;

import io.quarkus.arc.Arc;
import io.restassured.specification.RequestSpecification;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;

import java.util.Set;

import static io.restassured.RestAssured.given;

/**
 * An authenticated request for tests that read calls of the default tenant (every test call whose
 * queue names no tenant): an integration user of that tenant, saved on first use. Usable from
 * static helpers, hence the container lookup rather than injection.
 */
public final class ApiUsers {

    public static final String READER = "it-reader-default";
    private static final String PASSWORD = "pw-" + READER;
    private static volatile boolean saved;

    private ApiUsers() {
    }

    /** A request as the default tenant's integration user. */
    public static RequestSpecification reader() {
        if (!saved) {
            synchronized (ApiUsers.class) {
                if (!saved) {
                    Arc.container().instance(UserStore.class).get()
                            .save(READER, PASSWORD, Set.of(Roles.INTEGRATION), null, Set.of(), "default");
                    saved = true;
                }
            }
        }
        return given().auth().preemptive().basic(READER, PASSWORD);
    }
}
