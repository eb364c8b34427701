-- Who an assistance payment goes to (issue 7, docs/encryption.md): the
-- payee's name as the provider knows it, and the bank account, wallet or
-- card number, which amparo stores sealed (encrypted with the key kept
-- outside the database: an "enc:v1:…" text, never the number itself).
ALTER TABLE assistance_requests ADD COLUMN payee_name TEXT;
ALTER TABLE assistance_requests ADD COLUMN payee_account TEXT;
