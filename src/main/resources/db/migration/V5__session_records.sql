-- Latchkey schema, version 5: a record of every signed-in session, so that people can see where
-- they are signed in and end a session from anywhere, on whichever instance it lives. The id is
-- random and is not the session cookie: showing or sending it to another device opens nothing.
-- A row goes away when its session ends (sign-out, timeout, ended by its owner or an admin), and a
-- periodic cleanup removes rows of sessions past their limits. Also: the back-channel logout
-- tokens already acted on.

CREATE TABLE session_record (
  id             VARCHAR(43)  NOT NULL,
  account_id     BIGINT       NOT NULL,
  signed_in_at   TIMESTAMP    NOT NULL,
  last_seen_at   TIMESTAMP    NOT NULL,
  client_address VARCHAR(64),
  device         VARCHAR(80)  NOT NULL,
  -- 'password' or the provider's id.
  method         VARCHAR(64)  NOT NULL,
  -- The provider's session id (the id_token's "sid"), when it sent one.
  provider_sid   VARCHAR(255),
  CONSTRAINT pk_session_record PRIMARY KEY (id),
  CONSTRAINT fk_session_record_account FOREIGN KEY (account_id) REFERENCES account (id)
    ON DELETE CASCADE
);

CREATE INDEX ix_session_record_account ON session_record (account_id, last_seen_at);
CREATE INDEX ix_session_record_last_seen ON session_record (last_seen_at);
CREATE INDEX ix_session_record_signed_in ON session_record (signed_in_at);

-- Back-channel logout tokens already acted on (their "jti"), so that a replayed token does nothing.
-- The key is a SHA-256 of the issuer and the jti; a row is kept until the token would have expired
-- anyway.
CREATE TABLE seen_logout_token (
  id         VARCHAR(64) NOT NULL,
  expires_at TIMESTAMP   NOT NULL,
  CONSTRAINT pk_seen_logout_token PRIMARY KEY (id)
);

CREATE INDEX ix_seen_logout_token_expires ON seen_logout_token (expires_at);
