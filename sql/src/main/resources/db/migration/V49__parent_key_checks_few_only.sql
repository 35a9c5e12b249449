-- Since V48 no trigger checks a key with as many values as rows ('many' in V28: a plan's queue
-- rows against their recipients): every statement-level key check left (recipients.campaign_id,
-- contacts.tenant_id) has a few parents per statement. The function keeps that one way, collecting
-- the distinct keys, locking those another transaction wrote (FOR KEY SHARE) and looking for a
-- missing one; its third argument is still accepted and no longer read. The settings stay as V29
-- left them: no sequential scans, the transition tables joined by hashing.
CREATE OR REPLACE FUNCTION heron_check_parent_keys() RETURNS trigger
    LANGUAGE plpgsql
    SET enable_seqscan = off
AS $$
DECLARE
    child_column text := TG_ARGV[0];
    parent_table text := TG_ARGV[1];
    new_keys     text;
    keys         uuid[];
    missing      text;
BEGIN
    new_keys := format('SELECT n.%1$I AS id FROM new_rows n WHERE n.%1$I IS NOT NULL', child_column);
    IF TG_OP = 'UPDATE' THEN
        new_keys := new_keys || format(
            ' AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.%1$I = n.%1$I)', child_column);
    END IF;
    EXECUTE format('SELECT array_agg(k.id) FROM (SELECT DISTINCT d.id FROM (%s) d) k', new_keys)
        INTO keys;
    IF keys IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %I p WHERE p.id = ANY ($1)'
                   ' AND p.xmin <> pg_current_xact_id()::xid FOR KEY SHARE OF p) locked',
                   parent_table)
        USING keys;
    EXECUTE format('SELECT k::text FROM unnest($1) k'
                   ' WHERE NOT EXISTS (SELECT 1 FROM %I p WHERE p.id = k) LIMIT 1', parent_table)
        USING keys INTO missing;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'insert or update on table "%" violates its key: %.% = % is not in %',
                TG_TABLE_NAME, TG_TABLE_NAME, child_column, missing, parent_table
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
                  COLUMN = child_column,
                  DETAIL = format('Key (%s)=(%s) is not present in table "%s".', child_column,
                                  missing, parent_table);
    END IF;
    RETURN NULL;
END
$$;
