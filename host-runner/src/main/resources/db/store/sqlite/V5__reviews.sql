-- Access reviews, schema 5 (SQLite): campaigns, the access they list, and the evidence of every apply run (the
-- decisions read, the revokes planned, what was sent and answered). docs/store.md describes every table and column.
-- The PostgreSQL twin (../postgresql/V5__reviews.sql) has the same tables, columns and meanings.
-- A campaign keeps its own copy of the access it lists (not a reference to the sync's records), so pruning the
-- sync it was started from loses no evidence.

CREATE TABLE review_campaigns (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id  INTEGER NOT NULL REFERENCES connections (id),
    sync_id        INTEGER NOT NULL,
    filter         TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    started_by     TEXT NOT NULL,
    row_count      INTEGER NOT NULL
);

CREATE INDEX review_campaigns_by_connection ON review_campaigns (connection_id, id);

CREATE TABLE review_rows (
    campaign_id     INTEGER NOT NULL REFERENCES review_campaigns (id),
    row_number      INTEGER NOT NULL,
    principal       TEXT NOT NULL,
    principal_name  TEXT NOT NULL,
    entitlement_id  TEXT NOT NULL,
    resource_type   TEXT NOT NULL,
    resource_id     TEXT NOT NULL,
    resource_name   TEXT NOT NULL,
    slug            TEXT NOT NULL,
    paths           TEXT NOT NULL,
    last_login      TEXT NOT NULL,
    last_active     TEXT NOT NULL,
    PRIMARY KEY (campaign_id, row_number),
    UNIQUE (campaign_id, principal, entitlement_id)
);

CREATE TABLE review_runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id  INTEGER NOT NULL REFERENCES review_campaigns (id),
    started_at   TEXT NOT NULL,
    run_by       TEXT NOT NULL,
    file         TEXT NOT NULL,
    dry_run      SMALLINT NOT NULL,
    sync_id      INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('running', 'refused', 'cancelled', 'planned', 'applied', 'failed')),
    message      TEXT NOT NULL DEFAULT '',
    finished_at  TEXT
);

CREATE INDEX review_runs_by_campaign ON review_runs (campaign_id, id);

CREATE TABLE review_decisions (
    run_id          INTEGER NOT NULL REFERENCES review_runs (id),
    file_row        INTEGER NOT NULL,
    principal       TEXT NOT NULL,
    entitlement_id  TEXT NOT NULL,
    decision        TEXT NOT NULL,
    reviewer        TEXT NOT NULL,
    comment         TEXT NOT NULL,
    remove_choice   TEXT NOT NULL,
    verdict         TEXT NOT NULL,
    PRIMARY KEY (run_id, file_row)
);

CREATE TABLE review_actions (
    run_id          INTEGER NOT NULL REFERENCES review_runs (id),
    seq             INTEGER NOT NULL,
    entitlement_id  TEXT NOT NULL,
    principal       TEXT NOT NULL,
    for_rows        TEXT NOT NULL,
    also_removes    TEXT NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('planned', 'sending', 'done', 'already so', 'needs action',
                                                     'dry run', 'failed', 'not sent')),
    message         TEXT NOT NULL DEFAULT '',
    requests        TEXT NOT NULL DEFAULT '',
    planned_at      TEXT NOT NULL,
    finished_at     TEXT,
    PRIMARY KEY (run_id, seq)
);
