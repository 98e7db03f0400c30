-- Latchkey schema, version 6: API grants. With a user's consent, the application may call a
-- provider's API for them (e.g. read their Google Drive); the provider's refresh token for it is kept
-- here, sealed with AES-256-GCM under a key from the environment (LATCHKEY_TOKEN_KEY). The database
-- holds only the sealed token, the id of the key that sealed it, the granted scopes and times;
-- access tokens live in memory only. A row goes away when access ends (disconnected, identity
-- unlinked, account deleted, ended by an admin), after the token was revoked at the provider.

CREATE TABLE api_grant (
  id            VARCHAR(43)   NOT NULL,
  account_id    BIGINT        NOT NULL,
  identity_id   BIGINT        NOT NULL,
  -- Space-separated, as the provider granted them.
  scopes        VARCHAR(2000) NOT NULL,
  -- The id of the key that sealed the refresh token, and the sealed token (base64url of the GCM
  -- nonce and ciphertext); both null once the provider refused the token (the grant was revoked).
  key_id        VARCHAR(16),
  sealed_token  VARCHAR(4000),
  granted_at    TIMESTAMP     NOT NULL,
  refreshed_at  TIMESTAMP,
  last_used_at  TIMESTAMP,
  revoked_at    TIMESTAMP,
  CONSTRAINT pk_api_grant PRIMARY KEY (id),
  CONSTRAINT uq_api_grant_identity UNIQUE (identity_id),
  CONSTRAINT fk_api_grant_account FOREIGN KEY (account_id) REFERENCES account (id)
    ON DELETE CASCADE,
  CONSTRAINT fk_api_grant_identity FOREIGN KEY (identity_id) REFERENCES linked_identity (id)
    ON DELETE CASCADE
);

CREATE INDEX ix_api_grant_account ON api_grant (account_id);
CREATE INDEX ix_api_grant_key ON api_grant (key_id);
