package io.switchboard.testing;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.specification.RequestSpecification;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;

import java.net.URI;
import java.util.Set;

import static io.restassured.RestAssured.given;

/**
 * What operations tests reach besides the API as such: the node list as a supervisor of the platform
 * tenant (every endpoint needs an account), and health and Prometheus on the management interface.
 */
public final class Operators {

    public static final String USER = "ops-supervisor";
    public static final String PASSWORD = "pw-ops-supervisor";
    private static volatile boolean saved;

    private Operators() {
    }

    /** A request signed in as a platform supervisor, saved on first use. */
    public static RequestSpecification supervisor() {
        if (!saved) {
            Arc.container().instance(UserStore.class).get()
                    .save(USER, PASSWORD, Set.of(Roles.SUPERVISOR), null, Set.of(), "default");
            saved = true;
        }
        return given().auth().preemptive().basic(USER, PASSWORD);
    }

    /**
     * The URL of {@code path} ({@code /q/metrics}) on the management interface of the running test
     * application (Quarkus's management URL ends in its root path {@code /q}: only its origin is kept).
     */
    public static String management(String path) {
        URI base = URI.create(TestHTTPResourceManager.getManagementUri());
        return base.getScheme() + "://" + base.getHost() + ":" + base.getPort() + path;
    }
}
