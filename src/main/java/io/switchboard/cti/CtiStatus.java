package io.switchboard.cti;

/** The HTTP status an action outcome stands for, shared by REST and the desktop socket. */
public final class CtiStatus {

    private CtiStatus() {
    }

    public static int of(String outcome) {
        return switch (outcome) {
            case "ok" -> 200;
            case "timeout" -> 504;
            case "unavailable" -> 503;
            case "invalid" -> 400;
            case "forbidden" -> 403;
            case "not-found" -> 404;
            case "conflict" -> 409;
            default -> 502;
        };
    }
}
