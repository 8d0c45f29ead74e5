package io.switchboard.workflow.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One JSON request for the HTTP channels. The outcome names the target by its label only: URLs
 * carry tokens, so neither they nor the secrets given appear in what is returned.
 */
final class HttpSend {

    private HttpSend() {
    }

    static CompletionStage<Delivery> json(HttpClient client, String method, URI url, Map<String, String> headers,
                                          String body, Duration timeout, String label, Collection<String> secrets) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                return Delivery.failed(label + ": " + describe(error, secrets));
            }
            int status = response.statusCode();
            return status / 100 == 2 ? Delivery.sent(label + ": HTTP " + status)
                    : Delivery.failed(label + ": HTTP " + status);
        });
    }

    private static String describe(Throwable error, Collection<String> secrets) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return redact(text, secrets);
    }

    /** Removes every secret (and a URL's query, where tokens live) from a text bound for logs or records. */
    static String redact(String text, Collection<String> secrets) {
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, "***");
            }
        }
        return out.replaceAll("\\?[^\\s]*", "?***");
    }
}
