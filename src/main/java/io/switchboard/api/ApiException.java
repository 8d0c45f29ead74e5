package io.switchboard.api;

/** An error with the HTTP status it maps to; rendered by {@link ApiExceptionMapper}. */
public class ApiException extends RuntimeException {
    private final int status;
    private final java.util.List<String> details;

    public ApiException(int status, String message) {
        this(status, message, java.util.List.of());
    }

    /** {@code details}: each problem on its own (shown as a list), e.g. every invalid line of a dialplan. */
    public ApiException(int status, String message, java.util.List<String> details) {
        super(message);
        this.status = status;
        this.details = java.util.List.copyOf(details);
    }

    public java.util.List<String> details() {
        return details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public int status() {
        return status;
    }
}
