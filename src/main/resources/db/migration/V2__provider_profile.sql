-- Latchkey schema, version 2: what a provider said about a person at link time, and accounts
-- without an email (a provider that did not verify the email it gave cannot claim it).

ALTER TABLE account ALTER COLUMN email DROP NOT NULL;

ALTER TABLE linked_identity ADD COLUMN email_verified BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE linked_identity ADD COLUMN name VARCHAR(200);
ALTER TABLE linked_identity ADD COLUMN picture VARCHAR(2000);
