package io.switchboard.persistence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code switchboard.records.*}: how finished call records are written. */
@ConfigMapping(prefix = "switchboard.records")
public interface RecordsConfig {

    /** Records written per transaction at most. */
    @WithDefault("500")
    int batchSize();

    /** Records waiting for the database at most; beyond it the ingest lanes wait (back-pressure). */
    @WithDefault("100000")
    int queueCapacity();

    /** First retry delay after a failed write; doubles up to {@link #retryMax()}. */
    @WithDefault("200ms")
    Duration retryMin();

    @WithDefault("10s")
    Duration retryMax();
}
