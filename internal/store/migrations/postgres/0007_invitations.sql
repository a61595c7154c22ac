-- Mira schema, version 7 (PostgreSQL): invitations to join an organisation.
-- Keep in step with ../sqlite/0007_invitations.sql. Owned by
-- internal/members. The invitation link's token is never stored: only its
-- HMAC digest under a key derived from the server secret.

CREATE TABLE invitations (
    id          TEXT    NOT NULL PRIMARY KEY,
    org_id      TEXT    NOT NULL REFERENCES orgs (id),
    email       TEXT    NOT NULL,                -- stored lower-cased
    role        TEXT    NOT NULL,
    digest      BYTEA   NOT NULL UNIQUE,         -- HMAC of the token
    invited_by  TEXT    NOT NULL DEFAULT '',     -- audit actor string
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    accepted_at BIGINT,                          -- single use: set once
    user_id     TEXT,                            -- the user it created
    revoked_at  BIGINT                           -- cancelled or superseded
);

CREATE INDEX invitations_org_id ON invitations (org_id, created_at);
CREATE INDEX invitations_email ON invitations (email);
