package io.switchboard.cti;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code switchboard.cti.*}: call control. */
@ConfigMapping(prefix = "switchboard.cti")
public interface CtiConfig {

    /** The PBX must answer an action within this long, or the action reports a timeout (HTTP 504). */
    @WithDefault("5s")
    Duration deadline();

    /** Dialplan context for click-to-dial and transfers when the request names none. */
    @WithDefault("from-internal")
    String defaultContext();

    /** Destinations accepted for dial and transfer: digits, +, *, # and extension names. */
    @WithDefault("[+*#0-9A-Za-z_.@-]{1,64}")
    String destinationPattern();

    /** Audit rows kept in memory waiting for the database before new ones are dropped (and counted). */
    @WithDefault("10000")
    int auditBuffer();
}
