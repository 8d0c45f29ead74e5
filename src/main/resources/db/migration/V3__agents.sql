-- Agents, their places on PBX nodes, desktop users, CTI audit and wrap-up dispositions.
-- Times are microseconds since the epoch (BIGINT), as in call_records.

create table agents (
    id            varchar(64)   not null primary key,
    name          varchar(200)  not null,
    tenant        varchar(64)   not null default 'default',
    skills        varchar(1000) not null default '',
    queues        varchar(1000) not null default '',
    -- last known state, restored at start-up until the PBX resync answers
    presence      varchar(16)   not null default 'LOGGED_OUT',
    pause_reason  varchar(100),
    state_since   bigint        not null default 0
);

create table agent_endpoints (
    agent_id         varchar(64)  not null,
    node             varchar(64)  not null,
    member_interface varchar(200) not null,
    dial             varchar(200) not null,
    device           varchar(100) not null,
    primary key (agent_id, node),
    unique key uq_agent_endpoints_interface (node, member_interface)
);

create table users (
    username      varchar(64)   not null primary key,
    password_hash varchar(200)  not null,
    roles         varchar(200)  not null,
    agent_id      varchar(64),
    -- queues a supervisor oversees (comma separated; empty = none)
    queues        varchar(1000) not null default '',
    tenant        varchar(64)   not null default 'default',
    enabled       boolean       not null default true
);

create table cti_audit (
    id          bigint       not null auto_increment primary key,
    at_us       bigint       not null,
    username    varchar(64)  not null,
    agent_id    varchar(64),
    action      varchar(40)  not null,
    call_id     varchar(160),
    node        varchar(64),
    target      varchar(200),
    outcome     varchar(16)  not null,
    message     varchar(500),
    latency_us  bigint       not null,
    key ix_cti_audit_at (at_us),
    key ix_cti_audit_agent (agent_id, at_us)
);

create table call_dispositions (
    call_id   varchar(160)  not null,
    agent_id  varchar(64)   not null,
    code      varchar(64)   not null,
    note      varchar(1000),
    at_us     bigint        not null,
    primary key (call_id, agent_id)
);
