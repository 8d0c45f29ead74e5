package io.switchboard.cti;

/** An action refused before reaching the PBX, with the HTTP status it means (400, 403, 404, 409). */
public class CtiRefusal extends RuntimeException {
    private final int status;
    private final String outcome;

    public CtiRefusal(int status, String outcome, String message) {
        super(message);
        this.status = status;
        this.outcome = outcome;
    }

    public static CtiRefusal invalid(String message) {
        return new CtiRefusal(400, "invalid", message);
    }

    public static CtiRefusal forbidden(String message) {
        return new CtiRefusal(403, "forbidden", message);
    }

    public static CtiRefusal notFound(String message) {
        return new CtiRefusal(404, "not-found", message);
    }

    public static CtiRefusal conflict(String message) {
        return new CtiRefusal(409, "conflict", message);
    }

    public int status() {
        return status;
    }

    public String outcome() {
        return outcome;
    }
}
