package io.switchboard.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The test setup with the FreeSWITCH node {@code fssim} given to tenant {@link #ACME}: the
 * Asterisk node {@code sim} stays the default tenant's, which is also the platform tenant.
 */
public class TenantNodesProfile implements QuarkusTestProfile {

    public static final String ACME = "acme";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.routing.node-tenants.fssim", ACME);
    }
}
