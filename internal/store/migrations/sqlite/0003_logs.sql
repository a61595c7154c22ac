-- Mira schema, version 3 (SQLite): request logs, usage rollups, audit log.
-- Keep in step with ../postgres/0003_logs.sql. Owned by internal/reqlog and
-- internal/audit. Times are unix microseconds; booleans are 0/1.

-- One row per /v1 request, deleted after the retention (at most 30 days) by
-- reqlog.Purger. No foreign keys: a log row outlives nothing it refers to
-- (it is gone within 30 days) and must never make a batch insert fail.
CREATE TABLE request_logs (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at                INTEGER NOT NULL,
    request_id        TEXT    NOT NULL,
    org_id            TEXT    NOT NULL DEFAULT '', -- '' for unauthenticated requests
    key_id            TEXT    NOT NULL DEFAULT '',
    user_id           TEXT    NOT NULL DEFAULT '',
    endpoint          TEXT    NOT NULL DEFAULT '',
    model             TEXT    NOT NULL DEFAULT '',
    status            INTEGER NOT NULL DEFAULT 0,
    latency_us        INTEGER NOT NULL DEFAULT 0,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    client_ip         TEXT    NOT NULL DEFAULT '',
    filter_verdict    TEXT    NOT NULL DEFAULT '',
    sensitive_types   TEXT    NOT NULL DEFAULT '', -- space-separated
    stream            INTEGER NOT NULL DEFAULT 0 CHECK (stream IN (0, 1)),
    body_kid          TEXT    NOT NULL DEFAULT '', -- encryption key id of the bodies; '' when none
    request_body      BLOB,                        -- nonce || AES-256-GCM(masked body); NULL when not stored
    response_body     BLOB
) STRICT;

-- GET /v1/logs: an organisation's rows newest first, optionally for one key.
CREATE INDEX request_logs_org_at ON request_logs (org_id, at, id);
CREATE INDEX request_logs_org_key_at ON request_logs (org_id, key_id, at, id);
-- The purger's range delete.
CREATE INDEX request_logs_at ON request_logs (at);

-- Requests and tokens per organisation, day (UTC midnight), key and model,
-- updated in the same transaction as the log rows they count. No request
-- content: kept longer than the logs (reqlog.PurgerConfig.UsageRetention).
CREATE TABLE usage_daily (
    org_id            TEXT    NOT NULL,
    day               INTEGER NOT NULL,
    key_id            TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    requests          INTEGER NOT NULL DEFAULT 0,
    errors            INTEGER NOT NULL DEFAULT 0, -- status >= 400
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, day, key_id, model)
) STRICT, WITHOUT ROWID;

-- The audit log: append-only, hash-chained (see internal/audit). seq is
-- assigned under the chain lock (this file's single audit_head row), so it
-- has no gaps. The triggers stop accidental changes by the application; an
-- attacker who drops them is caught by audit.Log.Verify.
CREATE TABLE audit_log (
    seq       INTEGER NOT NULL PRIMARY KEY,
    at        INTEGER NOT NULL,
    org_id    TEXT    NOT NULL DEFAULT '',
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    target    TEXT    NOT NULL DEFAULT '',
    client_ip TEXT    NOT NULL DEFAULT '',
    details   TEXT    NOT NULL DEFAULT '', -- JSON object, exactly the bytes hashed
    prev_hash BLOB    NOT NULL,
    hash      BLOB    NOT NULL,            -- SHA-256 of the canonical encoding
    mac       BLOB    NOT NULL             -- HMAC-SHA256(key from the server secret, hash)
) STRICT;

CREATE INDEX audit_log_org_seq ON audit_log (org_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The chain head: the last seq and hash, and an HMAC over both that only the
-- holder of the server secret can compute. Appenders lock this row.
CREATE TABLE audit_head (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash BLOB    NOT NULL,
    mac  BLOB    NOT NULL -- empty until audit.New seals the empty chain
) STRICT;

INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, 0, zeroblob(32), X'');
