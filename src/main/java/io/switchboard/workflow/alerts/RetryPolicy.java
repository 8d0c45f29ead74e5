package io.switchboard.workflow.alerts;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One try of a channel with a guard against a channel that never completes, and the backoff between tries. */
final class RetryPolicy {

    /** Channels time out on their own; this only bounds one that forgets to. */
    static final Duration GUARD = Duration.ofMinutes(2);

    private RetryPolicy() {
    }

    /** Runs on a virtual thread: waiting here blocks no platform thread. */
    static Delivery attempt(AlertChannel channel, AlertMessage m) {
        try {
            return channel.send(m).toCompletableFuture().get(GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.failed("interrupted: shutting down");
        } catch (TimeoutException e) {
            return Delivery.failed(channel.name() + " did not complete within " + GUARD.toSeconds() + " s");
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return Delivery.failed(channel.name() + ": " + cause.getClass().getSimpleName());
        }
    }

    /** The wait after failed attempt {@code n}: backoff doubled per attempt, at most max-backoff. */
    static Duration backoff(AlertsConfig.Retry retry, int n) {
        Duration d = retry.backoff();
        for (int i = 1; i < n && d.compareTo(retry.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : d;
    }

    /** False when interrupted (the service is stopping). */
    static boolean pause(AlertsConfig.Retry retry, int n) {
        try {
            Thread.sleep(backoff(retry, n));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
