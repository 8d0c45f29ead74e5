package io.switchboard.calls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code switchboard.calls.*}: how events become calls and records. */
@ConfigMapping(prefix = "switchboard.calls")
public interface CallsConfig {

    /** Channel variables kept as the call's IVR data (intent, customer id, language, ...). */
    @WithDefault("INTENT,CUSTOMER_ID,ACCOUNT_ID,LANGUAGE,CALL_TYPE,CALLER_TAG,VIP,AMOUNT,ROUTE,ROUTE_FALLBACK")
    List<String> ivrVariables();

    @WithDefault("inbound,from-pstn,from-trunk,from-external,public")
    Set<String> inboundContexts();

    @WithDefault("outbound,to-pstn,to-trunk")
    Set<String> outboundContexts();

    /** A call without any event for this long is closed with what is known (lost hangups). */
    @WithDefault("4h")
    Duration maxIdle();

    /** Finished call ids remembered to recognize (and drop) late events. */
    @WithDefault("100000")
    int finishedMemory();

    /** Events buffered per node between the PBX reader and the call model. */
    @WithDefault("262144")
    int laneCapacity();

    @WithDefault("1m")
    Duration sweepInterval();
}
