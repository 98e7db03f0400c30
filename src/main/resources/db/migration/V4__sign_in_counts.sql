-- Latchkey schema, version 4: sign-in attempts counted per UTC day as the audit entries are written
-- (in the same transaction), so that the admin dashboard reads a few hundred rows instead of the
-- audit trail. Each kind of attempt on a day is spread over a few slots (rows), chosen at random
-- per attempt, so that concurrent sign-ins rarely wait for one another's row lock; readers add the
-- slots up.

CREATE TABLE sign_in_day (
  count_day DATE        NOT NULL,
  -- 'password', a provider's issuer, or 'provider' when the issuer was not known yet.
  method   VARCHAR(255) NOT NULL,
  outcome  VARCHAR(16)  NOT NULL,
  -- Why it did not succeed; '' when it did (key columns cannot be null).
  reason   VARCHAR(40)  NOT NULL,
  slot     SMALLINT     NOT NULL,
  attempts BIGINT       NOT NULL,
  CONSTRAINT pk_sign_in_day PRIMARY KEY (count_day, method, outcome, reason, slot)
);
