package io.switchboard.workflow.alerts;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** E-mail through the Quarkus Mailer (reactive: nothing waits on the SMTP server). */
@ApplicationScoped
public class EmailChannel implements AlertChannel {

    public static final String NAME = "email";

    @Inject
    AlertsConfig config;
    @Inject
    ReactiveMailer mailer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailable() {
        if (!config.email().enabled()) {
            return Optional.of("switchboard.alerts.email.enabled=false");
        }
        return config.email().from().isEmpty() ? Optional.of("switchboard.alerts.email.from is not set")
                : Optional.empty();
    }

    @Override
    public CompletionStage<Delivery> send(AlertMessage message) {
        String to = message.recipient().email();
        if (to == null || to.isBlank()) {
            return CompletableFuture.completedFuture(Delivery.skipped(message.recipient().username()
                    + " has no e-mail address"));
        }
        Mail mail = Mail.withText(to, config.email().subjectPrefix() + " " + message.subject(), message.text())
                .setFrom(config.email().from().orElseThrow());
        return mailer.send(mail).ifNoItem().after(config.email().timeout()).fail()
                .map(x -> Delivery.sent("mail to " + to))
                .onFailure().recoverWithItem(e -> Delivery.failed("mail to " + to + ": "
                        + (e instanceof io.smallrye.mutiny.TimeoutException ? "timed out"
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))))
                .subscribeAsCompletionStage();
    }
}
