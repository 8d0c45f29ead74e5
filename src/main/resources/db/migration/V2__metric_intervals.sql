-- Call-center counters per 15-minute interval and dimension (QUEUE, AGENT, NODE, TENANT).
-- Rows hold absolute values and are rewritten whole, so writing one twice changes nothing.
-- interval_start_us: the interval's start, microseconds since the epoch.
CREATE TABLE metric_intervals (
    interval_start_us BIGINT       NOT NULL,
    scope            VARCHAR(8)   NOT NULL,
    name             VARCHAR(160) NOT NULL,
    offered          BIGINT       NOT NULL DEFAULT 0,
    answered         BIGINT       NOT NULL DEFAULT 0,
    answered_in_sl   BIGINT       NOT NULL DEFAULT 0,
    abandoned        BIGINT       NOT NULL DEFAULT 0,
    short_abandoned  BIGINT       NOT NULL DEFAULT 0,
    timeouts         BIGINT       NOT NULL DEFAULT 0,
    failed           BIGINT       NOT NULL DEFAULT 0,
    ring_no_answer   BIGINT       NOT NULL DEFAULT 0,
    transferred      BIGINT       NOT NULL DEFAULT 0,
    fcr_eligible     BIGINT       NOT NULL DEFAULT 0,
    fcr_repeat       BIGINT       NOT NULL DEFAULT 0,
    waited           BIGINT       NOT NULL DEFAULT 0,
    wait_ms          BIGINT       NOT NULL DEFAULT 0,
    wait_max_ms      BIGINT       NOT NULL DEFAULT 0,
    answer_wait_ms   BIGINT       NOT NULL DEFAULT 0,
    talk_ms          BIGINT       NOT NULL DEFAULT 0,
    hold_ms          BIGINT       NOT NULL DEFAULT 0,
    wrap_up_ms       BIGINT       NOT NULL DEFAULT 0,
    calls            BIGINT       NOT NULL DEFAULT 0,
    staffed_ms       BIGINT       NOT NULL DEFAULT 0,
    busy_ms          BIGINT       NOT NULL DEFAULT 0,
    updated_us       BIGINT       NOT NULL,
    PRIMARY KEY (interval_start_us, scope, name)
);

CREATE INDEX ix_metric_intervals_dim ON metric_intervals (scope, name, interval_start_us);

-- The restart path reads calls by the time they joined their queue.
CREATE INDEX ix_call_records_queued ON call_records (queued_us);
