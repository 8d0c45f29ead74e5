-- One audit trail (docs/security.md#audit): admin changes, written as they happen, and CTI
-- actions, written in batches. Times are microseconds since the epoch.
create table audit_log (
    id           bigint       not null auto_increment primary key,
    at_us        bigint       not null,
    tenant       varchar(64)  not null,
    -- a username, or apikey:<name>
    actor        varchar(128) not null,
    -- e.g. agent.update, routing.policy.update, dialplan.deploy, cti.hangup
    action       varchar(64)  not null,
    target_type  varchar(32)  not null,
    target_id    varchar(200),
    -- the agent a CTI action was done as (its desk), for the agent filter of /api/v1/cti/audit
    agent_id     varchar(64),
    before_json  longtext,
    after_json   longtext,
    -- ok, refused (not allowed or invalid: nothing changed) or failed
    outcome      varchar(16)  not null,
    detail       varchar(500),
    key ix_audit_tenant_at (tenant, at_us),
    key ix_audit_tenant_target (tenant, target_type, target_id),
    key ix_audit_tenant_actor (tenant, actor, at_us),
    key ix_audit_tenant_agent (tenant, agent_id, at_us)
);

-- The CTI actions recorded so far move to the trail (tenant: the user's, when it still exists).
-- cti_audit is no longer written; it stays, unchanged, for the node, target and latency of those rows.
insert into audit_log (at_us, tenant, actor, action, target_type, target_id, agent_id, outcome, detail)
select a.at_us, coalesce(u.tenant, 'default'), a.username, concat('cti.', a.action), 'call', a.call_id, a.agent_id,
       case when a.outcome = 'ok' then 'ok'
            when a.outcome in ('invalid', 'forbidden', 'not-found', 'conflict') then 'refused'
            else 'failed' end,
       a.message
from cti_audit a left join users u on u.username = a.username
order by a.id;
