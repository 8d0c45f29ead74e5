package io.switchboard.workflow.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code switchboard.alerts.*}: which channels each SLA level alerts through, retries, and the
 * channels' own settings (docs/alerts.md). Secrets (webhook URLs carry tokens, the SMS gateway's
 * authorization) are read from here or the environment and never logged.
 */
@ConfigMapping(prefix = "switchboard.alerts")
public interface AlertsConfig {

    /** Off: breaches are ignored (nothing sent, nothing recorded). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Channels per level ({@code levels.2=sms}); a level above the highest configured one uses that
     * one. None configured: 1 → webhook, 2 → sms, 3 → phone and email.
     */
    Map<Integer, List<String>> levels();

    /** Channels of the interrupting (escalation) timer, whatever its level. */
    @WithDefault("phone,email")
    List<String> escalation();

    Retry retry();

    /** Alerts dispatched at once; more wait (on virtual threads, never on the engine's). */
    @WithDefault("64")
    int maxConcurrent();

    Webhook webhook();

    Sms sms();

    Email email();

    Phone phone();

    interface Retry {
        /** Tries per delivery, the first included. */
        @WithDefault("3")
        int attempts();

        /** Wait before the second try; doubled for each later one up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration backoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface Webhook {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("5s")
        Duration timeout();

        /** The target used for recipients without a webhook of their own. */
        Optional<String> defaultTarget();

        /** Named chat webhooks: {@code targets.ops.url}, {@code targets.ops.format}. */
        Map<String, Target> targets();

        interface Target {
            /** Chat webhook URLs carry their token: a secret, never logged. */
            String url();

            @WithDefault("slack")
            WebhookFormat format();
        }
    }

    interface Sms {
        @WithDefault("true")
        boolean enabled();

        /** The gateway; not set: the channel is skipped. */
        Optional<String> url();

        @WithDefault("POST")
        String method();

        @WithDefault("Authorization")
        String authHeader();

        /** The header's value (e.g. {@code Bearer …}); a secret, never logged. */
        Optional<String> authValue();

        /** JSON body; {@code {to}} and {@code {text}} are replaced by JSON-escaped values. */
        @WithDefault("{\"to\":\"{to}\",\"text\":\"{text}\"}")
        String bodyTemplate();

        @WithDefault("5s")
        Duration timeout();
    }

    interface Email {
        @WithDefault("true")
        boolean enabled();

        /** Sender address; not set: the channel is skipped. The SMTP server is {@code quarkus.mailer.*}. */
        Optional<String> from();

        @WithDefault("[Switchboard SLA]")
        String subjectPrefix();

        @WithDefault("10s")
        Duration timeout();
    }

    interface Phone {
        @WithDefault("true")
        boolean enabled();

        /** The dialplan context that answers and plays the prompt (dialplans/*: alert-call). */
        @WithDefault("alert-call")
        String context();

        @WithDefault("s")
        String extension();

        /** Sound played to the person called, handed to the dialplan as {@code SB_ALERT_PROMPT}. */
        @WithDefault("custom/switchboard-sla-alert")
        String prompt();

        @WithDefault("SLA alert")
        String callerIdName();

        /** The node for contacts that name none. */
        Optional<String> defaultNode();

        /** The PBX must accept the originate within this long. */
        @WithDefault("10s")
        Duration deadline();
    }
}
