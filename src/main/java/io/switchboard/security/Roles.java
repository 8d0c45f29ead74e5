package io.switchboard.security;

/** The roles a user may hold. */
public final class Roles {
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
