-- One row per finished call; written once (primary key = node:pbx call id).
-- Times are microseconds since the epoch (BIGINT): exact on MySQL, MariaDB and H2 alike.
CREATE TABLE call_records (
    id                VARCHAR(160) NOT NULL,
    node              VARCHAR(64)  NOT NULL,
    pbx_type          VARCHAR(16)  NOT NULL,
    pbx_call_id       VARCHAR(128) NOT NULL,
    direction         VARCHAR(16)  NOT NULL,
    caller_number     VARCHAR(80),
    caller_name       VARCHAR(160),
    dialed_number     VARCHAR(80),
    queue_name        VARCHAR(80),
    agent_name        VARCHAR(160),
    agent_interface   VARCHAR(160),
    started_us        BIGINT       NOT NULL,
    queued_us         BIGINT,
    answered_us       BIGINT,
    ended_us          BIGINT       NOT NULL,
    wait_ms           BIGINT       NOT NULL,
    talk_ms           BIGINT       NOT NULL,
    hold_ms           BIGINT       NOT NULL,
    disposition       VARCHAR(16)  NOT NULL,
    hangup_cause      INT,
    hangup_cause_text VARCHAR(80),
    routing_status    VARCHAR(32),
    transfer_count    INT          NOT NULL,
    transfers         TEXT         NOT NULL,
    agent_attempts    TEXT         NOT NULL,
    ivr_data          TEXT         NOT NULL,
    recorded_us       BIGINT       NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX ix_call_records_started ON call_records (started_us, id);
CREATE INDEX ix_call_records_queue ON call_records (queue_name, started_us);
CREATE INDEX ix_call_records_agent ON call_records (agent_name, started_us);
CREATE INDEX ix_call_records_caller ON call_records (caller_number, started_us);
CREATE INDEX ix_call_records_disposition ON call_records (disposition, started_us);

-- The ordered normalized events of each finished call, as a JSON array.
CREATE TABLE call_timelines (
    call_id VARCHAR(160) NOT NULL,
    events  LONGTEXT     NOT NULL,
    PRIMARY KEY (call_id)
);
