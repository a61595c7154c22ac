-- Mira schema, version 4 (SQLite): refresh-token reuse window.
-- Keep in step with ../postgres/0004_refresh_reuse.sql. Owned by internal/oauth.

-- The refresh token spent by the grant's latest rotation. Presented again
-- within a few seconds of that rotation (two processes of one CLI
-- refreshing at once), it yields another token pair instead of revoking
-- the grant; any other spent token is a replay.
ALTER TABLE oauth_grants ADD COLUMN last_rotated_token_id TEXT NOT NULL DEFAULT '';
