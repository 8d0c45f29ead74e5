package io.switchboard.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code switchboard.security.*}: OpenID Connect claims ({@code quarkus.oidc.*} configures the
 * provider itself), the prod profile's refusal of demo credentials and the login throttle
 * (docs/security.md).
 */
@ConfigMapping(prefix = "switchboard.security")
public interface SecurityConfig {


    /**
     * Refuse the shipped demo logins and sample PBX secrets, and refuse to start without a session
     * key. On by default; off in dev mode and tests, which use the demo credentials.
     */
    @WithDefault("true")
    boolean refuseDemoCredentials();

    LoginThrottleSettings loginThrottle();

    interface LoginThrottleSettings {
        @WithDefault("true")
        boolean enabled();

        /** Failed logins of one user name, or from one client address, within the window. */
        @WithDefault("5")
        int userAttempts();

        /** More for an address: several people may log in from behind one NAT. */
        @WithDefault("20")
        int ipAttempts();

        /** The sliding window the failures are counted in. */
        @WithDefault("5m")
        Duration window();

        /** How long a user name or address is refused once over the limit. */
        @WithDefault("5m")
        Duration lockTime();

        /** At most this many user names and addresses are tracked (memory bound under a spray attack). */
        @WithDefault("100000")
        int maxTracked();
    }

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
