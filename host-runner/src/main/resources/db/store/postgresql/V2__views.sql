-- Views for people who query the store with SQL (docs/store.md). Same names and columns on SQLite.

-- Completed syncs, each with the completed sync of its connection before it.
CREATE VIEW completed_syncs AS
SELECT s.id AS sync_id, s.connection_id, c.name AS connection, s.started_at, s.finished_at,
       LAG(s.id) OVER (PARTITION BY s.connection_id ORDER BY s.id) AS previous_sync_id
FROM syncs s JOIN connections c ON c.id = s.connection_id
WHERE s.status = 'completed';

-- Every record as the last completed sync of its connection saw it.
CREATE VIEW current_records AS
SELECT c.name AS connection, v.*
FROM record_versions v JOIN connections c ON c.id = v.connection_id
WHERE v.last_sync_id = (SELECT MAX(s.id) FROM syncs s WHERE s.connection_id = v.connection_id
                        AND s.status = 'completed');

-- Grants as the last completed sync saw them, and since when they hold.
CREATE VIEW current_grants AS
SELECT r.connection, r.record_key AS grant_id, r.entitlement_id,
       split_part(r.principal, ':', 1) AS principal_type,
       substr(r.principal, strpos(r.principal, ':') + 1) AS principal_id,
       (r.data::jsonb -> 'expandable')::text AS expandable_from,
       r.first_sync_id AS since_sync_id, f.finished_at AS since
FROM current_records r JOIN syncs f ON f.id = r.first_sync_id
WHERE r.kind = 'grant';

-- Every version of every grant with its interval: seen from since_sync_id to until_sync_id.
CREATE VIEW grant_intervals AS
SELECT c.name AS connection, v.record_key AS grant_id, v.entitlement_id, v.principal,
       v.first_sync_id AS since_sync_id, f.finished_at AS since,
       v.last_sync_id AS until_sync_id, l.finished_at AS last_seen,
       CASE WHEN v.last_sync_id = (SELECT MAX(s.id) FROM syncs s WHERE s.connection_id = v.connection_id
                                   AND s.status = 'completed') THEN 1 ELSE 0 END AS current
FROM record_versions v JOIN connections c ON c.id = v.connection_id
JOIN syncs f ON f.id = v.first_sync_id JOIN syncs l ON l.id = v.last_sync_id
WHERE v.kind = 'grant';

-- What each completed sync changed since the completed sync before it: added, changed (the new version) or removed.
CREATE VIEW record_changes AS
SELECT cs.connection, cs.sync_id, cs.previous_sync_id, cs.finished_at, v.kind, v.record_key,
       CASE WHEN EXISTS (SELECT 1 FROM record_versions o WHERE o.connection_id = v.connection_id AND o.kind = v.kind
                         AND o.record_key = v.record_key AND o.last_sync_id = cs.previous_sync_id)
            THEN 'changed' ELSE 'added' END AS change,
       v.entitlement_id, v.principal, v.data
FROM completed_syncs cs JOIN record_versions v ON v.connection_id = cs.connection_id AND v.first_sync_id = cs.sync_id
WHERE cs.previous_sync_id IS NOT NULL
UNION ALL
SELECT cs.connection, cs.sync_id, cs.previous_sync_id, cs.finished_at, v.kind, v.record_key, 'removed',
       v.entitlement_id, v.principal, v.data
FROM completed_syncs cs JOIN record_versions v ON v.connection_id = cs.connection_id
     AND v.last_sync_id = cs.previous_sync_id
WHERE NOT EXISTS (SELECT 1 FROM record_versions n WHERE n.connection_id = v.connection_id AND n.kind = v.kind
                  AND n.record_key = v.record_key AND n.first_sync_id = cs.sync_id);

-- Expansion edges of the current grants: holders of from_entitlement also hold entitlement_id.
CREATE VIEW current_expansions AS
SELECT r.connection_id, r.connection, r.entitlement_id, j.value AS from_entitlement, r.record_key AS grant_id
FROM current_records r, jsonb_array_elements_text(r.data::jsonb -> 'expandable') AS j (value)
WHERE r.kind = 'grant' AND r.expandable = 1;

-- Effective access now: every path by which a principal holds an entitlement (direct, or through expansions).
CREATE VIEW current_effective_access AS
WITH RECURSIVE reach (connection_id, principal, entitlement_id, path, depth) AS (
    SELECT connection_id, principal, entitlement_id, CAST(entitlement_id AS TEXT), 0
    FROM current_records WHERE kind = 'grant'
    UNION
    SELECT r.connection_id, r.principal, x.entitlement_id, r.path || ' -> ' || x.entitlement_id, r.depth + 1
    FROM reach r JOIN current_expansions x ON x.connection_id = r.connection_id
         AND x.from_entitlement = r.entitlement_id
    WHERE r.depth < 8
)
SELECT c.name AS connection, reach.principal, reach.entitlement_id,
       CASE WHEN reach.depth = 0 THEN 'direct' ELSE reach.path END AS path
FROM reach JOIN connections c ON c.id = reach.connection_id;
