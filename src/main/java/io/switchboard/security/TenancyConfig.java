package io.switchboard.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who owns what across tenants. */
@ConfigMapping(prefix = "switchboard.tenancy")
public interface TenancyConfig {

    /**
     * The tenant that operates the platform itself: its admins manage PBX nodes, the routing
     * policy and node groups, which every tenant shares. Other tenants' admins manage their own data only.
     */
    @WithDefault("default")
    String platformTenant();
}
