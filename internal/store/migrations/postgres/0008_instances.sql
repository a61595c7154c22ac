-- Mira schema, version 8 (PostgreSQL): what several instances on one database share.
-- Keep in step with ../sqlite/0008_instances.sql. Owned by cmd/mira (secret.go)
-- and internal/certstore.

-- A MAC of a fixed text under the server secret, written by the first
-- instance: an instance whose secret differs refuses to start instead of
-- failing later on data it cannot open.
CREATE TABLE server_secret_check (
	id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
	mac        TEXT    NOT NULL,
	created_at BIGINT  NOT NULL
);

-- ACME certificates, keys and accounts (certmagic storage), each value
-- sealed with a key derived from the server secret. modified is unix
-- microseconds.
CREATE TABLE acme_storage (
	name     TEXT   NOT NULL PRIMARY KEY,
	value    BYTEA  NOT NULL,
	modified BIGINT NOT NULL
);

-- ACME locks between instances (one renews or obtains a name at a time):
-- a lease that its holder extends while it works, and that others may take
-- over once it has expired (its holder died). expires is unix microseconds.
CREATE TABLE acme_locks (
	name    TEXT   NOT NULL PRIMARY KEY,
	owner   TEXT   NOT NULL,
	expires BIGINT NOT NULL
);
