-- Leases, schema 4 (SQLite): time-bound grants ('plugboard grant --for/--until') and what expiry did to each.
-- docs/store.md describes every column. The PostgreSQL twin (../postgresql/V4__leases.sql) has the same meaning.

CREATE TABLE leases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id   INTEGER NOT NULL REFERENCES connections (id),
    entitlement_id  TEXT NOT NULL,
    principal       TEXT NOT NULL,
    reason          TEXT,
    requested_by    TEXT,
    granted_by      TEXT NOT NULL,
    requested_at    TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('granting', 'active', 'pending', 'failed', 'revoking', 'ended')),
    grant_outcome   TEXT CHECK (grant_outcome IN ('done', 'already_so', 'needs_action', 'failed')),
    granted_at      TEXT,
    grant_message   TEXT,
    owns_access     SMALLINT NOT NULL DEFAULT 0,
    attempts        INTEGER NOT NULL DEFAULT 0,
    ended_at        TEXT,
    end_outcome     TEXT CHECK (end_outcome IN ('revoked', 'already_so', 'kept', 'handed_over')),
    end_message     TEXT,
    verified_at     TEXT,
    verification    TEXT CHECK (verification IN ('gone', 'still_held', 'unverified')),
    verify_message  TEXT,
    verify_requests INTEGER
);

CREATE INDEX leases_due ON leases (connection_id, state, ends_at);
CREATE INDEX leases_by_access ON leases (connection_id, entitlement_id, principal);

CREATE TABLE lease_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    lease_id  INTEGER NOT NULL REFERENCES leases (id),
    at        TEXT NOT NULL,
    event     TEXT NOT NULL CHECK (event IN ('grant_started', 'granted', 'grant_failed', 'revoke_started', 'revoked',
                                             'revoke_failed', 'kept', 'handed_over', 'verified')),
    outcome   TEXT,
    message   TEXT,
    requests  TEXT
);

CREATE INDEX lease_events_by_lease ON lease_events (lease_id, id);
