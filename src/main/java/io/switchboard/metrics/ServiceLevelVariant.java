package io.switchboard.metrics;

/** Which calls the service level counts; formulas and their origins are in docs/metrics.md. */
public enum ServiceLevelVariant {
    /** answered within T / answered (Asterisk's ServicelevelPerf). */
    ANSWERED,
    /** answered within T / (answered + abandoned after the short-abandon cut + timeouts). */
    ANSWERED_AND_LONG_ABANDONED,
    /** answered within T / (answered + all abandoned + timeouts): every caller who got a result. */
    OFFERED
}
