-- Tenant isolation: every finished call and every CTI audit row carries the tenant it belongs to,
-- so reads filter by tenant in the database. Rows written before this are the default tenant's.
ALTER TABLE call_records ADD COLUMN tenant VARCHAR(64) NOT NULL DEFAULT 'default';
CREATE INDEX ix_call_records_tenant ON call_records (tenant, started_us, id);

ALTER TABLE cti_audit ADD COLUMN tenant VARCHAR(64) NOT NULL DEFAULT 'default';
CREATE INDEX ix_cti_audit_tenant ON cti_audit (tenant, at_us);
