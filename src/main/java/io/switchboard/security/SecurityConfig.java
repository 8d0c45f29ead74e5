package io.switchboard.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Authentication settings of Switchboard's own ({@code quarkus.oidc.*} configures the provider itself). */
@ConfigMapping(prefix = "switchboard.security")
public interface SecurityConfig {

    Oidc oidc();

    /** Which claims of an OpenID Connect token say what {@link Actor} reads. */
    interface Oidc {
        /** The tenant; a token without it is refused (federated users get no default tenant). */
        @WithDefault("tenant")
        String tenantClaim();

        /** The agent the user is, if any. */
        @WithDefault("agent_id")
        String agentClaim();

        /** The queues a supervisor oversees: an array of names or one comma-separated string. */
        @WithDefault("queues")
        String queuesClaim();
    }
}
