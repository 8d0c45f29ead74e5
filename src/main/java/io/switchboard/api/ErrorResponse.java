package io.switchboard.api;

import java.time.Instant;
import java.util.List;

/** Every error body: HTTP status, a short error name, a readable message, optional details. */
public record ErrorResponse(int status, String error, String message, List<String> details, Instant timestamp) {
    public static ErrorResponse of(int status, String error, String message, List<String> details) {
        return new ErrorResponse(status, error, message, details, Instant.now());
    }
}
