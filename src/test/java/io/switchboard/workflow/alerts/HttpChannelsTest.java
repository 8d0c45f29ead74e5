package io.switchboard.workflow.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook and SMS channels against a real local HTTP server: bodies, headers, failures, timeouts. */
class HttpChannelsTest {

    static LocalHttp http;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String TOKEN = "t0ken-in-the-url";
    static final String KEY = "Bearer s3cret-key";

    record Target(String url, WebhookFormat format) implements AlertsConfig.Webhook.Target {
    }

    record Webhook(boolean enabled, Duration timeout, Optional<String> defaultTarget,
                   Map<String, AlertsConfig.Webhook.Target> targets) implements AlertsConfig.Webhook {
    }

    record Sms(boolean enabled, Optional<String> url, String method, String authHeader, Optional<String> authValue,
               String bodyTemplate, Duration timeout) implements AlertsConfig.Sms {
    }

    @BeforeAll
    static void start() {
        http = new LocalHttp();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    static WebhookChannel webhook() {
        Map<String, AlertsConfig.Webhook.Target> targets = Map.of(
                "ops", new Target(http.url("/ops?key=" + TOKEN), WebhookFormat.SLACK),
                "ding", new Target(http.url("/ding?access_token=" + TOKEN), WebhookFormat.DINGTALK),
                "wechat", new Target(http.url("/wechat?key=" + TOKEN), WebhookFormat.WECHAT),
                "down", new Target("http://127.0.0.1:1/down?key=" + TOKEN, WebhookFormat.SLACK),
                "slow", new Target(http.url("/slow?key=" + TOKEN), WebhookFormat.SLACK));
        return new WebhookChannel(new Webhook(true, Duration.ofMillis(300), Optional.of("ops"), targets), CLIENT);
    }

    static SmsChannel sms(Optional<String> url) {
        return new SmsChannel(new Sms(true, url, "POST", "Authorization", Optional.of(KEY),
                "{\"recipient\":\"{to}\",\"message\":\"{text}\",\"sender\":\"SB\"}", Duration.ofMillis(300)), CLIENT);
    }

    static AlertMessage message(String text, String webhook, String mobile) {
        return new AlertMessage("default", 1, false, "subject", text, new AlertContact("default", "alice", "Alice",
                null, mobile, null, null, webhook, Set.of()), "task-1", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ops    | /ops    | {\"text\":\"Task 'A' overdue\\nnow\"}",
            "ding   | /ding   | {\"msgtype\":\"text\",\"text\":{\"content\":\"Task 'A' overdue\\nnow\"}}",
            "wechat | /wechat | {\"msgtype\":\"text\",\"text\":{\"content\":\"Task 'A' overdue\\nnow\"}}"})
    void eachWebhookFormatPostsItsExactBody(String target, String path, String body) throws Exception {
        String marker = "Task 'A' overdue\nnow";
        int before = http.requests(path).size();
        Delivery d = webhook().send(message(marker, target, null)).toCompletableFuture().get();
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        LocalHttp.Request r = http.requests(path).get(before);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(new ObjectMapper().readTree(r.body())).isEqualTo(new ObjectMapper().readTree(body));
        assertThat(r.body()).isEqualTo(body);
        assertThat(d.detail()).doesNotContain(TOKEN).doesNotContain("127.0.0.1");
    }

    @Test
    void aRecipientWithoutWebhookGetsTheDefaultTarget() throws Exception {
        int before = http.requests("/ops").size();
        assertThat(webhook().send(message("to the default", null, null)).toCompletableFuture().get().status())
                .isEqualTo(Delivery.Status.SENT);
        assertThat(http.requests("/ops", "to the default")).hasSize(1);
        assertThat(http.requests("/ops")).hasSize(before + 1);
    }

    @Test
    void failuresAndTimeoutsAreFailedDeliveriesWithoutTheUrl() throws Exception {
        Delivery slow = webhook().send(message("slow", "slow", null)).toCompletableFuture().get();
        assertThat(slow).isEqualTo(Delivery.failed("webhook slow: timed out"));
        Delivery down = webhook().send(message("down", "down", null)).toCompletableFuture().get();
        assertThat(down.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(down.detail()).startsWith("webhook down: ").doesNotContain(TOKEN).doesNotContain("127.0.0.1:1");
        Delivery unknown = webhook().send(message("x", "nobody", null)).toCompletableFuture().get();
        assertThat(unknown).isEqualTo(Delivery.skipped("webhook target nobody is not configured"));
    }

    @Test
    void smsGoesToTheGatewayWithTheAuthorizationAndTheTemplate() throws Exception {
        Delivery d = sms(Optional.of(http.url("/sms"))).send(message("Due \"now\"", null, "+4915100001"))
                .toCompletableFuture().get();
        assertThat(d).isEqualTo(Delivery.sent("sms gateway: HTTP 200"));
        LocalHttp.Request r = http.requests("/sms", "+4915100001").getFirst();
        assertThat(r.header("Authorization")).isEqualTo(KEY);
        assertThat(r.body()).isEqualTo("{\"recipient\":\"+4915100001\",\"message\":\"Due \\\"now\\\"\",\"sender\":\"SB\"}");
    }

    @Test
    void smsGatewayErrorsTimeoutsAndMissingNumbers() throws Exception {
        assertThat(sms(Optional.of(http.url("/sms"))).send(message("x", null, "+000503")).toCompletableFuture().get())
                .isEqualTo(Delivery.failed("sms gateway: HTTP 503"));
        assertThat(sms(Optional.of(http.url("/slow"))).send(message("x", null, "+1")).toCompletableFuture().get())
                .isEqualTo(Delivery.failed("sms gateway: timed out"));
        assertThat(sms(Optional.of(http.url("/sms"))).send(message("x", null, null)).toCompletableFuture().get())
                .isEqualTo(Delivery.skipped("alice has no mobile number"));
    }

    @Test
    void channelsWithoutSettingsSayWhyAndHaveNoSecretInIt() {
        assertThat(sms(Optional.empty()).unavailable()).contains("switchboard.alerts.sms.url is not set");
        assertThat(sms(Optional.of(http.url("/sms"))).unavailable()).isEmpty();
        assertThat(new WebhookChannel(new Webhook(true, Duration.ofSeconds(1), Optional.empty(), Map.of()), CLIENT)
                .unavailable()).contains("no switchboard.alerts.webhook.targets configured");
        assertThat(new WebhookChannel(new Webhook(false, Duration.ofSeconds(1), Optional.empty(), Map.of()), CLIENT)
                .unavailable()).contains("switchboard.alerts.webhook.enabled=false");
    }

    @Test
    void redactionRemovesSecretsAndQueries() {
        assertThat(HttpSend.redact("ConnectException: http://h/x?key=abc failed with s3cret", java.util.List.of("s3cret")))
                .isEqualTo("ConnectException: http://h/x?*** failed with ***");
    }
}
