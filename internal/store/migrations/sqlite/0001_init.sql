-- Mira schema, version 1 (SQLite). Keep in step with ../postgres/0001_init.sql:
-- the queries in internal/store are shared, so column names and meanings must
-- match. Times are unix microseconds (NULL: unset); booleans are 0/1.
-- STRICT tables make SQLite refuse values of the wrong type, as PostgreSQL does.

CREATE TABLE orgs (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    plan       TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
    id            TEXT    NOT NULL PRIMARY KEY,
    org_id        TEXT    NOT NULL REFERENCES orgs (id),
    email         TEXT    NOT NULL UNIQUE, -- stored lower-cased
    role          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX users_org_id ON users (org_id);

CREATE TABLE api_keys (
    id             TEXT    NOT NULL PRIMARY KEY,
    family_id      TEXT    NOT NULL,
    org_id         TEXT    NOT NULL REFERENCES orgs (id),
    user_id        TEXT             REFERENCES users (id),
    name           TEXT    NOT NULL DEFAULT '',
    digest         BLOB    NOT NULL UNIQUE, -- HMAC-SHA256 of the secret; never the secret
    prefix         TEXT    NOT NULL DEFAULT '',
    last4          TEXT    NOT NULL DEFAULT '',
    environment    TEXT    NOT NULL DEFAULT '',
    scopes         TEXT    NOT NULL DEFAULT '', -- space-separated
    allowed_models TEXT    NOT NULL DEFAULT '', -- JSON array of strings, '' when empty
    allowed_cidrs  TEXT    NOT NULL DEFAULT '', -- space-separated prefixes
    plan           TEXT    NOT NULL DEFAULT '',
    expires_at     INTEGER,
    created_at     INTEGER NOT NULL,
    last_used_at   INTEGER,
    last_used_ip   TEXT    NOT NULL DEFAULT '',
    revoked_at     INTEGER,
    revoked_reason TEXT    NOT NULL DEFAULT '',
    exposed_at     INTEGER,
    exposed_reason TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX api_keys_org_id ON api_keys (org_id, created_at);
CREATE INDEX api_keys_family_id ON api_keys (family_id);
CREATE INDEX api_keys_user_id ON api_keys (user_id);
-- Polled every second by every server instance (RevokedSince); partial, so it
-- only holds revoked keys.
CREATE INDEX api_keys_revoked_at ON api_keys (revoked_at) WHERE revoked_at IS NOT NULL;

CREATE TABLE key_exposures (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    key_id     TEXT    NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    source     TEXT    NOT NULL,
    client_ip  TEXT    NOT NULL DEFAULT '',
    user_agent TEXT    NOT NULL DEFAULT '',
    at         INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) STRICT;

CREATE INDEX key_exposures_key_id ON key_exposures (key_id, at);
