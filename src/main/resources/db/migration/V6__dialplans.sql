-- Dialplans (Asterisk .conf, FreeSWITCH .xml): every saved version is kept; the highest is the
-- one the editor shows. A name (the file's base name) may exist once per PBX type.
-- Times are microseconds since the epoch.
CREATE TABLE dialplans (
    name       VARCHAR(64)  NOT NULL,
    version    INT          NOT NULL,
    pbx_type   VARCHAR(16)  NOT NULL,
    content    MEDIUMTEXT   NOT NULL,
    saved_by   VARCHAR(64)  NOT NULL,
    saved_at   BIGINT       NOT NULL,
    comment    VARCHAR(255),
    PRIMARY KEY (pbx_type, name, version)
);

-- What happened to dialplans: saves, roll-backs and deployments (one row per node deployed to).
CREATE TABLE dialplan_deployments (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    pbx_type     VARCHAR(16)  NOT NULL,
    name         VARCHAR(64)  NOT NULL,
    action       VARCHAR(16)  NOT NULL,
    from_version INT,
    version      INT          NOT NULL,
    node         VARCHAR(64),
    outcome      VARCHAR(16)  NOT NULL,
    message      VARCHAR(500),
    at_us        BIGINT       NOT NULL,
    by_user      VARCHAR(64)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX ix_dialplan_deployments_name ON dialplan_deployments (pbx_type, name, at_us);
