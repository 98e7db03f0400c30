-- Latchkey schema, version 1: accounts, their roles, linked provider identities, and the audit trail.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

-- JPA allocates ids in blocks of 50; the value a sequence returns is the end of its block.
CREATE SEQUENCE account_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE linked_identity_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE audit_entry_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE account (
  id                   BIGINT       NOT NULL PRIMARY KEY,
  email                VARCHAR(254) NOT NULL,
  display_name         VARCHAR(100) NOT NULL,
  password_hash        VARCHAR(255),
  status               VARCHAR(16)  NOT NULL,
  created_at           TIMESTAMP    NOT NULL,
  last_sign_in_at      TIMESTAMP,
  failed_sign_ins      INTEGER      NOT NULL DEFAULT 0,
  sign_in_paused_until TIMESTAMP,
  session_generation   INTEGER      NOT NULL DEFAULT 0,
  version              BIGINT       NOT NULL DEFAULT 0,
  CONSTRAINT uk_account_email UNIQUE (email)
);

CREATE TABLE account_role (
  account_id BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  role_name  VARCHAR(16) NOT NULL,
  PRIMARY KEY (account_id, role_name)
);

CREATE TABLE linked_identity (
  id            BIGINT       NOT NULL PRIMARY KEY,
  account_id    BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  issuer        VARCHAR(255) NOT NULL,
  subject       VARCHAR(255) NOT NULL,
  email_at_link VARCHAR(254),
  linked_at     TIMESTAMP    NOT NULL,
  last_used_at  TIMESTAMP,
  CONSTRAINT uk_linked_identity_issuer_subject UNIQUE (issuer, subject)
);
CREATE INDEX ix_linked_identity_account ON linked_identity (account_id);

-- No foreign keys: audit entries outlive the accounts they describe.
CREATE TABLE audit_entry (
  id                BIGINT        NOT NULL PRIMARY KEY,
  occurred_at       TIMESTAMP     NOT NULL,
  actor_account_id  BIGINT,
  target_account_id BIGINT,
  target_email      VARCHAR(254),
  event_type        VARCHAR(40)   NOT NULL,
  detail            VARCHAR(1000),
  client_address    VARCHAR(64)
);
CREATE INDEX ix_audit_entry_occurred ON audit_entry (occurred_at);
CREATE INDEX ix_audit_entry_target ON audit_entry (target_account_id, occurred_at);
