package io.switchboard.workflow.alerts;

/**
 * What one try of a channel came to. {@code detail} is safe to store and show: channels never put
 * URLs, tokens or authorization values in it.
 */
public record Delivery(Status status, String detail) {

    public enum Status {
        SENT, FAILED, SKIPPED
    }

    public static Delivery sent(String detail) {
        return new Delivery(Status.SENT, detail);
    }

    public static Delivery failed(String detail) {
        return new Delivery(Status.FAILED, detail);
    }

    /** Nothing to try: the channel is off or not configured, or the recipient has no address for it. */
    public static Delivery skipped(String detail) {
        return new Delivery(Status.SKIPPED, detail);
    }
}
