-- Mira schema, version 2 (PostgreSQL): browser sessions, TOTP, sign-in limits and
-- the OAuth device flow for the CLI. Keep in step with ../sqlite/0002_auth.sql.
-- Owned by internal/session and internal/oauth. Times are unix microseconds
-- (NULL: unset). Secrets are never stored: only HMAC digests under keys
-- derived from the server secret, or AES-256-GCM boxes (internal/secretbox).

-- Browser sign-in sessions. The cookie holds a random secret; the row holds
-- its digest. id is internal (device-code claims refer to it) and never sent.
CREATE TABLE browser_sessions (
    id                TEXT    NOT NULL PRIMARY KEY,
    digest            BYTEA   NOT NULL UNIQUE,
    user_id           TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at        BIGINT  NOT NULL,
    last_seen_at      BIGINT  NOT NULL,
    expires_at        BIGINT  NOT NULL,          -- absolute lifetime
    mfa_pending_until BIGINT,                    -- set while the TOTP step of sign-in is due
    mfa_failures      BIGINT  NOT NULL DEFAULT 0,
    client_ip         TEXT    NOT NULL DEFAULT '',
    user_agent        TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX browser_sessions_user_id ON browser_sessions (user_id);
CREATE INDEX browser_sessions_expires_at ON browser_sessions (expires_at);

-- TOTP (RFC 6238) second factor, one per user.
CREATE TABLE user_totp (
    user_id      TEXT    NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       BYTEA   NOT NULL,               -- sealed; bound to user_id
    confirmed_at BIGINT,                         -- NULL while enrolment is pending
    last_step    BIGINT  NOT NULL DEFAULT 0,     -- newest accepted time step; it and older are replays
    created_at   BIGINT  NOT NULL
);

-- Failure counters in fixed windows, shared by every instance: failed
-- sign-ins and wrong user codes, per IP, account, session and globally.
-- Keys never contain an e-mail address, only digests.
CREATE TABLE auth_throttle (
    key          TEXT    NOT NULL PRIMARY KEY,
    window_start BIGINT  NOT NULL,
    failures     BIGINT  NOT NULL,
    last_at      BIGINT  NOT NULL
);

CREATE INDEX auth_throttle_window_start ON auth_throttle (window_start);

-- Ed25519 keys that sign access tokens. A key signs from activates_at until a
-- newer key activates, and verifies for a while after that.
CREATE TABLE oauth_signing_keys (
    kid          TEXT    NOT NULL PRIMARY KEY,   -- RFC 7638 thumbprint
    algorithm    TEXT    NOT NULL,
    public_key   BYTEA   NOT NULL,
    private_key  BYTEA   NOT NULL,               -- sealed seed; emptied once superseded
    created_at   BIGINT  NOT NULL,
    activates_at BIGINT  NOT NULL
);

CREATE INDEX oauth_signing_keys_activates_at ON oauth_signing_keys (activates_at);

-- RFC 8628 device authorisation requests.
CREATE TABLE oauth_device_codes (
    id              TEXT    NOT NULL PRIMARY KEY,
    device_digest   BYTEA   NOT NULL UNIQUE,     -- HMAC of the device_code
    user_digest     BYTEA   NOT NULL UNIQUE,     -- HMAC of the normalised user_code
    client_id       TEXT    NOT NULL,
    scope           TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL,            -- pending, approved, denied, redeemed
    client_ip       TEXT    NOT NULL DEFAULT '',
    user_agent      TEXT    NOT NULL DEFAULT '',
    created_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    interval_s      BIGINT  NOT NULL,            -- grows by 5 with each slow_down
    last_poll_at    BIGINT  NOT NULL DEFAULT 0,
    claimed_session TEXT,                        -- the browser session deciding it
    claimed_at      BIGINT, 
    user_id         TEXT    REFERENCES users (id) ON DELETE CASCADE,
    decided_at      BIGINT, 
    redeemed_at     BIGINT
);

CREATE INDEX oauth_device_codes_expires_at ON oauth_device_codes (expires_at);

-- A grant is one approved sign-in of a client: the family of its refresh
-- tokens. Revoking the grant ends every token of the family, access tokens
-- included (they carry the grant id as "sid").
CREATE TABLE oauth_grants (
    id             TEXT    NOT NULL PRIMARY KEY,
    user_id        TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id      TEXT    NOT NULL,
    scope          TEXT    NOT NULL DEFAULT '',
    created_at     BIGINT  NOT NULL,
    expires_at     BIGINT  NOT NULL,             -- absolute lifetime of the family
    revoked_at     BIGINT, 
    revoked_reason TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX oauth_grants_user_id ON oauth_grants (user_id);
CREATE INDEX oauth_grants_revoked_at ON oauth_grants (revoked_at) WHERE revoked_at IS NOT NULL;

CREATE TABLE oauth_refresh_tokens (
    id         TEXT    NOT NULL PRIMARY KEY,
    grant_id   TEXT    NOT NULL REFERENCES oauth_grants (id) ON DELETE CASCADE,
    digest     BYTEA   NOT NULL UNIQUE,          -- HMAC of the token
    created_at BIGINT  NOT NULL,                 -- inactivity is measured from here
    rotated_at BIGINT                            -- used once; presenting it again is a replay
);

CREATE INDEX oauth_refresh_tokens_grant_id ON oauth_refresh_tokens (grant_id);
