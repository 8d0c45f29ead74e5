package io.switchboard.metrics;

/** How a queue's service level is computed: threshold, formula variant, short-abandon cut. */
public record ServiceLevelPolicy(long thresholdSeconds, ServiceLevelVariant variant, long shortAbandonSeconds,
                                 long fcrWindowSeconds, long wrapUpSeconds) {
}
