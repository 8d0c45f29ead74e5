package io.switchboard.calls;

import java.time.Duration;
import java.util.Set;

/**
 * @param pbxType          "asterisk" or "freeswitch", copied into records
 * @param inboundContexts  dialplan contexts whose calls are inbound (calls that enter a queue are too)
 * @param outboundContexts dialplan contexts whose calls are outbound
 * @param maxIdle          a call with no event for this long is closed with what is known
 * @param finishedMemory   how many finished call ids are remembered to recognize late events
 */
public record TrackerSettings(String pbxType, Set<String> inboundContexts, Set<String> outboundContexts,
                              Duration maxIdle, int finishedMemory) {

    public static TrackerSettings defaults(String pbxType) {
        return new TrackerSettings(pbxType, Set.of("inbound", "from-pstn", "from-trunk", "from-external", "public"),
                Set.of("outbound", "to-pstn", "to-trunk"), Duration.ofHours(4), 100_000);
    }
}
