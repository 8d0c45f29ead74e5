package io.switchboard.workflow.alerts;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A way to reach a person. Implementations are CDI beans, found by {@link #name()} from the levels'
 * channel lists; a new channel is one more bean. {@link #send} never blocks the caller: it returns
 * at once and completes when the far end answered, failed or timed out. Retries are the caller's.
 */
public interface AlertChannel {

    /** The name levels refer to ({@code webhook}, {@code sms}, {@code email}, {@code phone}). */
    String name();

    /** Why the channel cannot send at all (off, or a setting missing); empty when it can. */
    Optional<String> unavailable();

    CompletionStage<Delivery> send(AlertMessage message);
}
