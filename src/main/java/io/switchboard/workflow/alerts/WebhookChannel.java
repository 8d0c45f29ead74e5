package io.switchboard.workflow.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Chat webhooks (Slack, DingTalk, WeChat Work): a POST of the target's JSON body. The recipient's
 * {@code webhook} names the target (a person's own robot or their team's group); otherwise the
 * default target.
 */
@ApplicationScoped
public class WebhookChannel implements AlertChannel {

    public static final String NAME = "webhook";

    private final AlertsConfig.Webhook config;
    private final HttpClient client;

    @Inject
    public WebhookChannel(AlertsConfig config, AlertHttp http) {
        this(config.webhook(), http.client());
    }

    WebhookChannel(AlertsConfig.Webhook config, HttpClient client) {
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
            return Optional.of("switchboard.alerts.webhook.enabled=false");
        }
        return config.targets().isEmpty() ? Optional.of("no switchboard.alerts.webhook.targets configured")
                : Optional.empty();
    }

    @Override
    public CompletionStage<Delivery> send(AlertMessage message) {
        String name = message.recipient().webhook() != null && !message.recipient().webhook().isBlank()
                ? message.recipient().webhook() : config.defaultTarget().orElse(null);
        if (name == null) {
            return CompletableFuture.completedFuture(Delivery.skipped("no webhook for "
                    + message.recipient().username() + " and no switchboard.alerts.webhook.default-target"));
        }
        AlertsConfig.Webhook.Target target = config.targets().get(name);
        if (target == null) {
            return CompletableFuture.completedFuture(Delivery.skipped("webhook target " + name + " is not configured"));
        }
        String body = target.format().body(message.text()).toString();
        try {
            return HttpSend.json(client, "POST", URI.create(target.url()), Map.of(), body, config.timeout(),
                    "webhook " + name, List.of(target.url()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Delivery.failed("webhook " + name + ": URL is not valid"));
        }
    }
}
