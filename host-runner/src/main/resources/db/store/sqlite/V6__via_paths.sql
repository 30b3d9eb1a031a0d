-- Issue 13: a grant held via other entitlements (SPI 1.1 Grant.via, the sync file's "via") is not direct: its path
-- starts with those entitlements, as `plugboard access` prints it ("role:manager:assigned + team:7:member ->
-- team:7:admin"), and expansions from it continue that path. Same names and columns on PostgreSQL.
DROP VIEW current_effective_access;

CREATE VIEW current_effective_access AS
WITH RECURSIVE held (connection_id, principal, entitlement_id, via) AS (
    SELECT connection_id, principal, entitlement_id,
           (SELECT group_concat(value, ' + ') FROM (SELECT j.value FROM json_each(data, '$.via') j ORDER BY j.key))
    FROM current_records WHERE kind = 'grant'
),
reach (connection_id, principal, entitlement_id, path, depth, held_via) AS (
    SELECT connection_id, principal, entitlement_id,
           CASE WHEN via IS NULL THEN entitlement_id ELSE via || ' -> ' || entitlement_id END, 0,
           CASE WHEN via IS NULL THEN 0 ELSE 1 END
    FROM held
    UNION
    SELECT r.connection_id, r.principal, x.entitlement_id, r.path || ' -> ' || x.entitlement_id, r.depth + 1,
           r.held_via
    FROM reach r JOIN current_expansions x ON x.connection_id = r.connection_id
         AND x.from_entitlement = r.entitlement_id
    WHERE r.depth < 8
)
SELECT c.name AS connection, reach.principal, reach.entitlement_id,
       CASE WHEN reach.depth = 0 AND reach.held_via = 0 THEN 'direct' ELSE reach.path END AS path
FROM reach JOIN connections c ON c.id = reach.connection_id;
