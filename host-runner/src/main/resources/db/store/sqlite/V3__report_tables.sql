-- Incremental reports and report tables (issue 16), SQLite. docs/store.md describes every table and column.
-- The PostgreSQL twin (../postgresql/V3__report_tables.sql) has the same tables, columns and meanings.

-- Where each incremental report stands, per connection, report, parameters and target (the store's table, or the
-- output: stdout or --out), so runs that feed a table and runs that feed files never take rows from each other.
-- Written only when a run completes, so a failed or interrupted run never moves the cursor.
CREATE TABLE report_cursors (
    connection_id   INTEGER NOT NULL REFERENCES connections (id),
    report          TEXT NOT NULL,
    parameters_hash TEXT NOT NULL,
    parameters      TEXT NOT NULL,
    target          TEXT NOT NULL CHECK (target IN ('table', 'output')),
    cursor_value    TEXT,
    state           TEXT NOT NULL,
    runs            INTEGER NOT NULL DEFAULT 0,
    rows_read       INTEGER NOT NULL DEFAULT 0,
    rows_new        INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (connection_id, report, parameters_hash, target)
);

-- The typed tables 'plugboard report --into store' creates, one per connection and report (created at run time
-- from the report's declared columns): what each was made from, so a changed key or type is refused.
CREATE TABLE report_tables (
    table_name      TEXT PRIMARY KEY,
    connection_id   INTEGER NOT NULL REFERENCES connections (id),
    report          TEXT NOT NULL,
    primary_key     TEXT NOT NULL,
    columns         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (connection_id, report)
);
