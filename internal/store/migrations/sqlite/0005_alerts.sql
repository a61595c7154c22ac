-- Mira schema, version 5 (SQLite): alerts on suspicious activity.
-- Keep in step with ../postgres/0005_alerts.sql. Owned by internal/alerts.
-- Times are unix microseconds.

-- One alert: a rule that fired for a subject (a key id, an address, a
-- backend). Repeats within the rule's cooldown fold into the open alert of
-- the same rule and subject (count, last_seen). org_id is NULL for
-- system-wide alerts, which only owners see.
CREATE TABLE alerts (
    id              TEXT    NOT NULL PRIMARY KEY,
    org_id          TEXT,
    rule            TEXT    NOT NULL,
    severity        TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    count           INTEGER NOT NULL DEFAULT 1,
    first_seen      INTEGER NOT NULL,
    last_seen       INTEGER NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'open', -- open, acknowledged
    acknowledged_by TEXT    NOT NULL DEFAULT '',
    acknowledged_at INTEGER,
    details         TEXT    NOT NULL DEFAULT '{}'    -- JSON object
) STRICT;

CREATE INDEX alerts_fold ON alerts (rule, subject, state, last_seen);
CREATE INDEX alerts_org_last_seen ON alerts (org_id, last_seen);

-- How far the detectors have read the audit log (key creations, sign-ins,
-- device approvals); the instance that moves it on reads those entries.
-- It starts at the log's head: history raises nothing.
CREATE TABLE alerts_audit_cursor (
    id  INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
) STRICT;
INSERT INTO alerts_audit_cursor (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM audit_log;
