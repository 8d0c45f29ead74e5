-- Tickets worked by the workflow engine, their log, and the org directory that says who works them.
-- Times are microseconds since the epoch (BIGINT), as everywhere in this schema.
-- One column per statement: the embedded H2 of dev mode reads MySQL's ALTER TABLE one clause at a time.

-- kind: discount, complaint, callback, unresolved or general; priority: low, normal, high, urgent.
ALTER TABLE tickets ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'general';
ALTER TABLE tickets ADD COLUMN priority VARCHAR(16) NOT NULL DEFAULT 'normal';
ALTER TABLE tickets ADD COLUMN description TEXT;
-- discounts: the amount asked for, in currency (ISO 4217)
ALTER TABLE tickets ADD COLUMN amount DECIMAL(14, 2);
ALTER TABLE tickets ADD COLUMN currency CHAR(3);
-- the agent the ticket came from (the call's agent or the creating user's agent) and who created it
ALTER TABLE tickets ADD COLUMN agent_id VARCHAR(64);
ALTER TABLE tickets ADD COLUMN created_by VARCHAR(64);
-- the org unit whose people work the ticket
ALTER TABLE tickets ADD COLUMN unit_id VARCHAR(64);
ALTER TABLE tickets ADD COLUMN process_key VARCHAR(100);
ALTER TABLE tickets ADD COLUMN process_instance_id VARCHAR(64);
-- the result: approved, rejected, reached, unreachable, resolved, closed
ALTER TABLE tickets ADD COLUMN outcome VARCHAR(32);
ALTER TABLE tickets ADD COLUMN closed_at BIGINT;
-- set when a call opened the ticket (call id and trigger): a replayed call finds it taken
ALTER TABLE tickets ADD COLUMN trigger_key VARCHAR(220);

CREATE UNIQUE INDEX uq_tickets_trigger ON tickets (trigger_key);
CREATE INDEX ix_tickets_status ON tickets (tenant, status, created_at);
CREATE INDEX ix_tickets_call ON tickets (tenant, call_id);
CREATE INDEX ix_tickets_creator ON tickets (tenant, created_by, created_at);

-- Every step and result of a ticket: who did what, the value before and after.
CREATE TABLE ticket_events (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    ticket_id  VARCHAR(64)  NOT NULL,
    tenant     VARCHAR(64)  NOT NULL,
    at_us      BIGINT       NOT NULL,
    actor      VARCHAR(64)  NOT NULL,
    action     VARCHAR(40)  NOT NULL,
    before_value VARCHAR(255),
    after_value  VARCHAR(255),
    detail     VARCHAR(1000)
);

CREATE INDEX ix_ticket_events_ticket ON ticket_events (ticket_id, id);

-- The org directory: units form a tree (team -> department -> ...); the manager of a unit
-- approves at the manager level, the manager of its parent at the next one.
CREATE TABLE org_units (
    tenant   VARCHAR(64)  NOT NULL,
    id       VARCHAR(64)  NOT NULL,
    name     VARCHAR(160) NOT NULL,
    parent_id VARCHAR(64),
    manager  VARCHAR(64),
    PRIMARY KEY (tenant, id)
);

-- role: member or lead
CREATE TABLE org_members (
    tenant   VARCHAR(64) NOT NULL,
    unit_id  VARCHAR(64) NOT NULL,
    username VARCHAR(64) NOT NULL,
    role     VARCHAR(16) NOT NULL DEFAULT 'member',
    PRIMARY KEY (tenant, unit_id, username)
);

CREATE INDEX ix_org_members_user ON org_members (tenant, username);
