-- Mira schema, version 7 (SQLite): invitations to join an organisation.
-- Keep in step with ../postgres/0007_invitations.sql. Owned by
-- internal/members. The invitation link's token is never stored: only its
-- HMAC digest under a key derived from the server secret.

CREATE TABLE invitations (
    id          TEXT    NOT NULL PRIMARY KEY,
    org_id      TEXT    NOT NULL REFERENCES orgs (id),
    email       TEXT    NOT NULL,                -- stored lower-cased
    role        TEXT    NOT NULL,
    digest      BLOB    NOT NULL UNIQUE,         -- HMAC of the token
    invited_by  TEXT    NOT NULL DEFAULT '',     -- audit actor string
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    accepted_at INTEGER,                         -- single use: set once
    user_id     TEXT,                            -- the user it created
    revoked_at  INTEGER                          -- cancelled or superseded
) STRICT;

CREATE INDEX invitations_org_id ON invitations (org_id, created_at);
CREATE INDEX invitations_email ON invitations (email);
