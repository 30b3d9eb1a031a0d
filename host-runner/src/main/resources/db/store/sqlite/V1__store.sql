-- The Plugboard store, schema 1 (SQLite). docs/store.md describes every table and column.
-- The PostgreSQL twin (../postgresql/V1__store.sql) has the same tables, columns and meanings.

CREATE TABLE store_info (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE connections (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL UNIQUE,
    plugin_id       TEXT NOT NULL,
    config_identity TEXT NOT NULL,
    config          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (plugin_id, config_identity)
);

CREATE TABLE syncs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id   INTEGER NOT NULL REFERENCES connections (id),
    status          TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
    plugin_version  TEXT NOT NULL,
    spi_version     TEXT NOT NULL,
    host_version    TEXT NOT NULL,
    types           TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    heartbeat_at    TEXT NOT NULL,
    owner_host      TEXT NOT NULL,
    owner_pid       INTEGER NOT NULL,
    owner_started   TEXT,
    resource_types  INTEGER NOT NULL DEFAULT 0,
    resources       INTEGER NOT NULL DEFAULT 0,
    entitlements    INTEGER NOT NULL DEFAULT 0,
    grants          INTEGER NOT NULL DEFAULT 0,
    calls           INTEGER NOT NULL DEFAULT 0,
    requests        INTEGER NOT NULL DEFAULT 0,
    retries         INTEGER NOT NULL DEFAULT 0,
    duration_ms     INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    checkpoint      TEXT
);

CREATE INDEX syncs_by_connection ON syncs (connection_id, status, id);

CREATE TABLE record_versions (
    id              INTEGER PRIMARY KEY,
    connection_id   INTEGER NOT NULL REFERENCES connections (id),
    kind            TEXT NOT NULL CHECK (kind IN ('resourceType', 'resource', 'entitlement', 'grant')),
    record_key      TEXT NOT NULL,
    content_hash    TEXT NOT NULL,
    first_sync_id   INTEGER NOT NULL REFERENCES syncs (id),
    last_sync_id    INTEGER REFERENCES syncs (id),
    seen_sync_id    INTEGER NOT NULL,
    entitlement_id  TEXT,
    principal       TEXT,
    expandable      SMALLINT NOT NULL DEFAULT 0,
    data            TEXT NOT NULL
);

CREATE INDEX record_versions_by_key ON record_versions (connection_id, kind, record_key);
CREATE INDEX record_versions_by_last ON record_versions (connection_id, last_sync_id);
CREATE INDEX record_versions_by_principal ON record_versions (connection_id, principal);
CREATE INDEX record_versions_by_entitlement ON record_versions (connection_id, entitlement_id);
