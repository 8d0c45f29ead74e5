package io.switchboard.api;

import io.switchboard.security.Actor;

/**
 * The tenant a request works in. Pure rules, shared by the resources that scope reads and writes
 * to the caller's tenant.
 */
public final class TenantScope {

    private TenantScope() {
    }

    /** The caller's tenant; an identity without one is refused rather than guessed. */
    public static String of(Actor actor) {
        if (actor == null || actor.tenant() == null || actor.tenant().isBlank()) {
            throw new ApiException(403, "user " + (actor == null ? "(anonymous)" : actor.username())
                    + " belongs to no tenant");
        }
        return actor.tenant();
    }

    /**
     * The tenant an admin's agent definition goes to: the admin's own when the body names none or
     * names it; another tenant's agents are that tenant's admins' to manage.
     */
    public static String forDefinition(String requested, String actorTenant) {
        if (requested == null || requested.isBlank() || requested.equals(actorTenant)) {
            return actorTenant;
        }
        throw new ApiException(403, "agents of tenant '" + requested + "' are managed by that tenant's admins: "
                + "omit 'tenant' or give '" + actorTenant + "'");
    }
}
