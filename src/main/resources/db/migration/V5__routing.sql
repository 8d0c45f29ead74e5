-- Routing policy: every saved version is kept; the highest version is in force.
-- saved_at: microseconds since the epoch.
CREATE TABLE routing_policies (
    version    INT          NOT NULL,
    policy     TEXT         NOT NULL,
    saved_by   VARCHAR(64)  NOT NULL,
    saved_at   BIGINT       NOT NULL,
    comment    VARCHAR(255),
    PRIMARY KEY (version)
);

-- Control-console transitions: degradation levels, overrides, failover/failback, policy saves.
CREATE TABLE routing_events (
    id       BIGINT       NOT NULL AUTO_INCREMENT,
    at_us    BIGINT       NOT NULL,
    kind     VARCHAR(32)  NOT NULL,
    scope    VARCHAR(128) NOT NULL,
    from_state VARCHAR(128),
    to_state   VARCHAR(128),
    reason   VARCHAR(500),
    actor    VARCHAR(64)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX ix_routing_events_at ON routing_events (at_us);
CREATE INDEX ix_routing_events_kind ON routing_events (kind, at_us);
