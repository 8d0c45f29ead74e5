package io.switchboard.metrics;

/**
 * Counters of a queue, node or tenant over a window and the figures derived from them; the
 * definitions are in docs/metrics.md. Rates are percentages rounded to two decimals, averages
 * milliseconds rounded half up; a figure without a denominator is null.
 */
public record QueueFigures(
        long offered,
        long answered,
        long answeredWithinSl,
        long abandoned,
        long shortAbandoned,
        long timeouts,
        long failed,
        long ringNoAnswer,
        long transferred,
        Double serviceLevel,
        Long asaMillis,
        Long ahtMillis,
        Long averageWaitMillis,
        long longestWaitMillis,
        Double abandonRate,
        Double transferRate,
        Double fcr) {
}
