-- Mira schema, version 6 (PostgreSQL): the alert delivery outbox.
-- Keep in step with ../sqlite/0006_alert_outbox.sql. Owned by internal/notify.

-- One row per alert and channel, written in the transaction that raises
-- the alert, so an alert and its deliveries commit together. The delivery
-- loop claims due rows (next_at <= now), pushing next_at past a lease
-- while it sends, and then marks them delivered, or failed, or due again
-- later. Times are unix microseconds; first_at is the first attempt.
CREATE TABLE alert_outbox (
	id           TEXT    NOT NULL PRIMARY KEY,
	message_id   TEXT    NOT NULL,
	channel      TEXT    NOT NULL,
	payload      TEXT    NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	created_at   BIGINT  NOT NULL,
	next_at      BIGINT  NOT NULL,
	first_at     BIGINT,
	delivered_at BIGINT,
	failed_at    BIGINT,
	last_error   TEXT    NOT NULL DEFAULT '',
	UNIQUE (message_id, channel)
);

-- The loop's one query: pending rows by due time.
CREATE INDEX alert_outbox_due ON alert_outbox (next_at)
	WHERE delivered_at IS NULL AND failed_at IS NULL;
