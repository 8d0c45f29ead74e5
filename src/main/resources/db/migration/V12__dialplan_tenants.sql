-- Dialplans belong to a tenant: each tenant has its own names and versions, and deploys them only
-- to the nodes it owns. Rows from before tenancy go to the default tenant ('default', the default of
-- switchboard.metrics.tenant; an installation that renamed it updates them by hand, see docs/dialplans.md).
ALTER TABLE dialplans ADD COLUMN tenant VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE dialplans DROP PRIMARY KEY;
ALTER TABLE dialplans ADD PRIMARY KEY (tenant, pbx_type, name, version);

ALTER TABLE dialplan_deployments ADD COLUMN tenant VARCHAR(64) NOT NULL DEFAULT 'default';
CREATE INDEX ix_dialplan_deployments_tenant ON dialplan_deployments (tenant, pbx_type, name, at_us);
