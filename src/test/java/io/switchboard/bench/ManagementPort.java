package io.switchboard.bench;

import java.net.URI;

/**
 * Where a benchmark reads the service's health and Prometheus figures: the management interface,
 * not the API port. {@code -Dbench.management=http://host:port} (the scripts pass the port they
 * started the service with); else the API base's host on the default management port 9000.
 */
final class ManagementPort {

    private ManagementPort() {
    }

    static String base(String apiBase) {
        String given = System.getProperty("bench.management");
        if (given != null && !given.isBlank()) {
            return given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
        }
        URI api = URI.create(apiBase);
        return api.getScheme() + "://" + api.getHost() + ":9000";
    }
}
