package io.switchboard.screenpop;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** How a directory lookup ended; the {@code outcome} tag of {@code switchboard.screenpop.directory}. */
enum DirectoryOutcome {
    FOUND, NOT_FOUND, TIMEOUT, ERROR, CIRCUIT_OPEN;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    PopCard.CustomerStatus customerStatus() {
        return switch (this) {
            case FOUND -> PopCard.CustomerStatus.FOUND;
            case NOT_FOUND -> PopCard.CustomerStatus.NOT_FOUND;
            default -> PopCard.CustomerStatus.UNAVAILABLE;
        };
    }

    static DirectoryOutcome of(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CircuitBreakerOpenException) {
            return CIRCUIT_OPEN;
        }
        if (t instanceof TimeoutException || t instanceof HttpTimeoutException
                || t instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return TIMEOUT;
        }
        return ERROR;
    }
}
