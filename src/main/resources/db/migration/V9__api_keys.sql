-- API keys of downstream systems (docs/security.md). Only the SHA-256 of a key is stored: keys are
-- 256 random bits, so a fast hash cannot be searched. Times are microseconds since the epoch.
CREATE TABLE api_keys (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    tenant       VARCHAR(64)  NOT NULL,
    name         VARCHAR(64)  NOT NULL,
    -- the key's first characters, to recognise it in a list
    prefix       VARCHAR(16)  NOT NULL,
    secret_hash  CHAR(64)     NOT NULL,
    roles        VARCHAR(200) NOT NULL,
    created_by   VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT,
    PRIMARY KEY (id),
    CONSTRAINT uq_api_keys_secret UNIQUE (secret_hash)
);
CREATE INDEX ix_api_keys_tenant ON api_keys (tenant, created_at);
