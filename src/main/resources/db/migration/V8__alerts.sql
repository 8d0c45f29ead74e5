-- SLA alerts (docs/alerts.md). Times are microseconds since the epoch.

-- How each person is reached. group_names: the groups / org units the person belongs to,
-- comma-separated; a task nobody holds alerts the people of its candidate groups.
CREATE TABLE alert_contacts (
    tenant       VARCHAR(64)  NOT NULL,
    username     VARCHAR(64)  NOT NULL,
    display_name VARCHAR(128),
    email        VARCHAR(255),
    mobile       VARCHAR(32),
    phone        VARCHAR(80),
    node         VARCHAR(64),
    webhook      VARCHAR(64),
    group_names  VARCHAR(1000),
    PRIMARY KEY (tenant, username)
);

-- One row per SLA breach: the unique key makes a breach alert once, across instances and restarts.
CREATE TABLE alerts (
    id                  BIGINT       NOT NULL AUTO_INCREMENT,
    tenant              VARCHAR(64)  NOT NULL,
    task_id             VARCHAR(64)  NOT NULL,
    sla_level           INT          NOT NULL,
    escalation          BOOLEAN      NOT NULL,
    process_key         VARCHAR(255),
    process_instance_id VARCHAR(64),
    task_name           VARCHAR(255),
    ticket_id           VARCHAR(64),
    assignee            VARCHAR(64),
    due_at              BIGINT,
    fired_at            BIGINT       NOT NULL,
    created_at          BIGINT       NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    finished_at         BIGINT,
    PRIMARY KEY (id),
    CONSTRAINT uk_alerts_task_level UNIQUE (task_id, sla_level)
);

CREATE INDEX ix_alerts_tenant ON alerts (tenant, id);
CREATE INDEX ix_alerts_ticket ON alerts (tenant, ticket_id);

-- One row per recipient and channel of an alert, updated after every attempt.
CREATE TABLE alert_deliveries (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    alert_id   BIGINT       NOT NULL,
    recipient  VARCHAR(64)  NOT NULL,
    channel    VARCHAR(32)  NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    attempts   INT          NOT NULL,
    error      VARCHAR(500),
    detail     VARCHAR(500),
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_alert_deliveries_alert FOREIGN KEY (alert_id) REFERENCES alerts (id)
);

CREATE INDEX ix_alert_deliveries_alert ON alert_deliveries (alert_id);
