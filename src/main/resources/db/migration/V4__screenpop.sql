-- The built-in customer directory of the screen-pop (switchboard.screenpop.directory=table).
-- A customer is found by its id, its account id or its phone number, within its tenant.
-- phone: the number as the PBX presents the caller id, without spaces or punctuation.
-- extra: a JSON object of further string fields shown on the card.
-- Times are microseconds since the epoch (BIGINT), as everywhere in this schema.
CREATE TABLE customers (
    tenant     VARCHAR(64)  NOT NULL,
    id         VARCHAR(64)  NOT NULL,
    name       VARCHAR(160) NOT NULL,
    segment    VARCHAR(64),
    vip        BOOLEAN      NOT NULL DEFAULT FALSE,
    account_id VARCHAR(64),
    phone      VARCHAR(40),
    language   VARCHAR(16),
    notes      TEXT,
    extra      TEXT,
    updated_us BIGINT       NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX ix_customers_phone ON customers (tenant, phone);
CREATE INDEX ix_customers_account ON customers (tenant, account_id);

-- Tickets, kept minimal until a workflow engine fills them. A ticket is open unless its
-- status is 'closed' or 'resolved'. created_at / updated_at: microseconds since the epoch.
CREATE TABLE tickets (
    id            VARCHAR(64)  NOT NULL,
    tenant        VARCHAR(64)  NOT NULL,
    caller_number VARCHAR(80),
    customer_id   VARCHAR(64),
    call_id       VARCHAR(160),
    subject       VARCHAR(255) NOT NULL,
    status        VARCHAR(32)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX ix_tickets_number ON tickets (tenant, caller_number);
CREATE INDEX ix_tickets_customer ON tickets (tenant, customer_id);
