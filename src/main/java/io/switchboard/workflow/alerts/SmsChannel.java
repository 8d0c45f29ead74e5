package io.switchboard.workflow.alerts;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SMS through a generic HTTP gateway: the configured method and URL, the authorization header,
 * and the body template with {@code {to}} and {@code {text}} filled in (JSON-escaped).
 */
@ApplicationScoped
public class SmsChannel implements AlertChannel {

    public static final String NAME = "sms";

    private final AlertsConfig.Sms config;
    private final HttpClient client;

    @Inject
    public SmsChannel(AlertsConfig config, AlertHttp http) {
        this(config.sms(), http.client());
    }

    SmsChannel(AlertsConfig.Sms config, HttpClient client) {
        this.config = config;
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailable() {
        if (!config.enabled()) {
            return Optional.of("switchboard.alerts.sms.enabled=false");
        }
        return config.url().isEmpty() ? Optional.of("switchboard.alerts.sms.url is not set") : Optional.empty();
    }

    @Override
    public CompletionStage<Delivery> send(AlertMessage message) {
        String to = message.recipient().mobile();
        if (to == null || to.isBlank()) {
            return CompletableFuture.completedFuture(Delivery.skipped(message.recipient().username()
                    + " has no mobile number"));
        }
        String url = config.url().orElseThrow();
        String body = config.bodyTemplate().replace("{to}", json(to)).replace("{text}", json(message.text()));
        List<String> secrets = new ArrayList<>(List.of(url));
        config.authValue().ifPresent(secrets::add);
        Map<String, String> headers = config.authValue().map(v -> Map.of(config.authHeader(), v)).orElse(Map.of());
        try {
            return HttpSend.json(client, config.method().toUpperCase(java.util.Locale.ROOT), URI.create(url), headers,
                    body, config.timeout(), "sms gateway", secrets);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Delivery.failed("sms gateway: URL or header is not valid"));
        }
    }

    private static String json(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
