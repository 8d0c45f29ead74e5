package io.switchboard.workflow.alerts;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client the HTTP channels share (one connection pool; requests carry their own timeouts). */
@ApplicationScoped
public class AlertHttp {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public HttpClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
