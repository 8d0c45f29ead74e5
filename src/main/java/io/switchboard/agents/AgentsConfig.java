package io.switchboard.agents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** {@code switchboard.agents.*}: agent states, pause reasons, wrap-up. */
@ConfigMapping(prefix = "switchboard.agents")
public interface AgentsConfig {

    /** Reasons an agent may give for a pause (the desktop offers these). */
    @WithDefault("break,lunch,training,meeting,coaching,technical")
    List<String> pauseReasons();

    /** Disposition codes accepted when wrap-up is done. */
    @WithDefault("resolved,unresolved,follow-up,escalated,callback,no-action,wrong-number")
    List<String> dispositions();

    /**
     * After a queue call the agent stays in wrap-up at most this long (then becomes available by
     * itself); 0 = no wrap-up state.
     */
    @WithDefault("60s")
    Duration wrapUp();

    /** Deadline for login/logout/pause commands and for the resync after a (re)connect. */
    @WithDefault("5s")
    Duration commandDeadline();
}
