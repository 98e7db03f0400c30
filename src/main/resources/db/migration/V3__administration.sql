-- Latchkey schema, version 3: the admin console. Who granted a role and when; and indexes for
-- every order and filter of the account list and the audit log, so that a page costs the same at
-- a million accounts as at a thousand.

ALTER TABLE account_role ADD COLUMN granted_by_account_id BIGINT;
ALTER TABLE account_role ADD COLUMN granted_at TIMESTAMP;

-- The display name lower-cased, for case-insensitive prefix search on an index (H2 and
-- PostgreSQL have no index on an expression in common).
ALTER TABLE account ADD COLUMN search_name VARCHAR(100);
UPDATE account SET search_name = LOWER(display_name);
ALTER TABLE account ALTER COLUMN search_name SET NOT NULL;

CREATE INDEX ix_account_search_name ON account (search_name, id);
CREATE INDEX ix_account_created ON account (created_at, id);
CREATE INDEX ix_account_last_sign_in ON account (last_sign_in_at, id);
CREATE INDEX ix_account_status_email ON account (status, email);
CREATE INDEX ix_account_role_role ON account_role (role_name, account_id);
CREATE INDEX ix_audit_entry_type ON audit_entry (event_type, occurred_at);
CREATE INDEX ix_audit_entry_actor ON audit_entry (actor_account_id, occurred_at);
