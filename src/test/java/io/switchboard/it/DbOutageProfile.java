package io.switchboard.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test setup with the datasource behind a {@link TcpProxy} the test can cut, and a pool that
 * notices a dead database within a second or two: connections are validated on borrow and in
 * the background, and a connection is waited for 2 s at most.
 */
public class DbOutageProfile implements QuarkusTestProfile {

    private static final String DEFAULT_URL =
            "jdbc:mysql://127.0.0.1:3306/switchboard_test?nullDatabaseMeansCurrent=true&createDatabaseIfNotExist=true";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("quarkus.datasource.jdbc.validate-on-borrow", "true");
        c.put("quarkus.datasource.jdbc.background-validation-interval", "1s");
        c.put("quarkus.datasource.jdbc.validation-query-timeout", "1s");
        c.put("quarkus.datasource.jdbc.acquisition-timeout", "2s");
        // demo agents would get phones other runs sharing the database do not have; not needed here
        c.put("switchboard.simulator.demo-agents", "false");
        return c;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Proxy.class));
    }

    /** The database URL of the test setup, the one the proxy forwards to. */
    static String directUrl() {
        String url = System.getProperty("SWITCHBOARD_TEST_DB_URL", System.getenv("SWITCHBOARD_TEST_DB_URL"));
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    static String user() {
        String u = System.getProperty("SWITCHBOARD_TEST_DB_USER", System.getenv("SWITCHBOARD_TEST_DB_USER"));
        return u == null ? "root" : u;
    }

    static String password() {
        String p = System.getProperty("SWITCHBOARD_TEST_DB_PASSWORD", System.getenv("SWITCHBOARD_TEST_DB_PASSWORD"));
        return p == null ? "" : p;
    }

    /** Starts the proxy before the application and points the datasource at it. */
    public static class Proxy implements QuarkusTestResourceLifecycleManager {

        static volatile TcpProxy proxy;

        @Override
        public Map<String, String> start() {
            String direct = directUrl();
            URI target = URI.create(direct.substring("jdbc:".length()));
            try {
                proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 3306 : target.getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String authority = target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
            // fail fast on a dead socket instead of waiting for the OS: connect 2 s, reads 10 s
            String viaProxy = direct.replaceFirst(java.util.regex.Pattern.quote(authority), "127.0.0.1:" + proxy.port())
                    + (direct.contains("?") ? "&" : "?") + "connectTimeout=2000&socketTimeout=10000";
            return Map.of("quarkus.datasource.jdbc.url", viaProxy, "%test.quarkus.datasource.jdbc.url", viaProxy);
        }

        @Override
        public void stop() {
            if (proxy != null) {
                proxy.close();
            }
        }
    }
}
