-- Need-to-know access (issue 7; docs/access.md). users.grants: the
-- grants an administrator gave the user, comma-separated codes (sgbv,
-- mental_health, torture, asylum_narrative, ethics); NULL or '' none.
ALTER TABLE users ADD COLUMN grants TEXT;
