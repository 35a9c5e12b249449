-- Measured on a million-recipient plan (docs/benchmarks.md, "Planner"), the checks of V25/V26 cost
-- more than the per-row keys they stand for: each hashed the distinct keys twice, the contact
-- check locked a million contact rows one by one (a WAL record each), and a join planned from
-- stale statistics (a recipients table analyzed while empty) scanned the whole table once per new
-- queue row. Now:
--
-- 1. Joins are index probes, whatever the statistics say: the functions run with sequential scans,
--    hash and merge joins off (SET on the function), as a key's own check always probes the
--    parent's index.
-- 2. A check on a column with few distinct values per statement (a plan's one campaign, an
--    import's one tenant: third argument 'few') collects them first into an array and probes
--    the parent once per value. A column with as many values as rows ('many': a plan's
--    recipients for its queue rows) probes once per row, in one pass that also tells whether any
--    parent was written by another transaction; only then does it lock (FOR KEY SHARE, as V25)
--    and look for a missing parent again on the newer snapshot.
-- 3. recipients.contact_id: one lock per tenant instead of one per contact. The check locks the
--    new recipients' tenants FOR SHARE, then looks for a missing contact; deleting contacts locks
--    their tenants FOR NO KEY UPDATE (which conflicts with FOR SHARE, not with the importer's FOR
--    KEY SHARE) before deleting their recipients. A contact delete and a plan of the same tenant
--    thus take turns: when the delete went first, the plan's probe (newer snapshot) no longer finds
--    the contact and fails with 23503; when the plan went first, the delete waits for it to commit
--    and then deletes its new recipients too. The price: contact deletes of one tenant wait for
--    each other and for a running plan, and an update of the tenant row waits for a plan.
CREATE OR REPLACE FUNCTION heron_check_parent_keys() RETURNS trigger
    LANGUAGE plpgsql
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
    child_column text := TG_ARGV[0];
    parent_table text := TG_ARGV[1];
    few          boolean := TG_ARGV[2] = 'few';
    new_keys     text;
    keys         uuid[];
    missing      text;
    absent       bigint;
    foreign_rows bigint;
BEGIN
    new_keys := format('SELECT n.%1$I AS id FROM new_rows n WHERE n.%1$I IS NOT NULL', child_column);
    IF TG_OP = 'UPDATE' THEN
        new_keys := new_keys || format(
            ' AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.%1$I = n.%1$I)', child_column);
    END IF;
    IF few THEN
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
    ELSE
        EXECUTE format('SELECT count(*) FILTER (WHERE p.id IS NULL),'
                       ' count(*) FILTER (WHERE p.xmin <> pg_current_xact_id()::xid)'
                       ' FROM (%s) k LEFT JOIN %I p ON p.id = k.id', new_keys, parent_table)
            INTO absent, foreign_rows;
        IF foreign_rows > 0 THEN
            EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %I p WHERE p.id IN (SELECT k.id FROM (%s) k)'
                           ' AND p.xmin <> pg_current_xact_id()::xid FOR KEY SHARE OF p) locked',
                           parent_table, new_keys);
        END IF;
        IF absent > 0 OR foreign_rows > 0 THEN
            EXECUTE format('SELECT k.id::text FROM (%s) k'
                           ' WHERE NOT EXISTS (SELECT 1 FROM %I p WHERE p.id = k.id) LIMIT 1',
                           new_keys, parent_table)
                INTO missing;
        END IF;
    END IF;
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

CREATE FUNCTION heron_check_recipient_contacts() RETURNS trigger
    LANGUAGE plpgsql
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
    changed text := '';
    tenants uuid[];
    missing text;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        changed := ' AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.contact_id = n.contact_id)';
    END IF;
    EXECUTE 'SELECT array_agg(t.tenant_id) FROM (SELECT DISTINCT n.tenant_id FROM new_rows n'
            || ' WHERE true' || changed || ') t'
        INTO tenants;
    IF tenants IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM tenants t WHERE t.id = ANY (tenants) FOR SHARE OF t;
    EXECUTE 'SELECT n.contact_id::text FROM new_rows n WHERE true' || changed
            || ' AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = n.contact_id) LIMIT 1'
        INTO missing;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'insert or update on table "recipients" violates its key: recipients.contact_id = % is not in contacts',
                missing
            USING ERRCODE = 'foreign_key_violation', TABLE = 'recipients', COLUMN = 'contact_id',
                  DETAIL = format('Key (contact_id)=(%s) is not present in table "contacts".',
                                  missing);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION heron_delete_contact_recipients() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1 FROM tenants t WHERE t.id IN (SELECT g.tenant_id FROM gone g) FOR NO KEY UPDATE OF t;
    DELETE FROM recipients r USING gone g WHERE r.tenant_id = g.tenant_id AND r.contact_id = g.id;
    RETURN NULL;
END
$$;

DROP TRIGGER recipients_insert_check_contact ON recipients;
DROP TRIGGER recipients_update_check_contact ON recipients;
CREATE TRIGGER recipients_insert_check_contact
    AFTER INSERT ON recipients REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_recipient_contacts();
CREATE TRIGGER recipients_update_check_contact
    AFTER UPDATE ON recipients REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_recipient_contacts();

-- The other checks get their strategy argument.
DROP TRIGGER recipients_insert_check_campaign ON recipients;
DROP TRIGGER recipients_update_check_campaign ON recipients;
DROP TRIGGER send_queue_insert_check_recipient ON send_queue;
DROP TRIGGER send_queue_update_check_recipient ON send_queue;
DROP TRIGGER contacts_insert_check_tenant ON contacts;
DROP TRIGGER contacts_update_check_tenant ON contacts;

CREATE TRIGGER recipients_insert_check_campaign
    AFTER INSERT ON recipients REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('campaign_id', 'campaigns', 'few');
CREATE TRIGGER recipients_update_check_campaign
    AFTER UPDATE ON recipients REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('campaign_id', 'campaigns', 'few');
CREATE TRIGGER send_queue_insert_check_recipient
    AFTER INSERT ON send_queue REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('recipient_id', 'recipients', 'many');
CREATE TRIGGER send_queue_update_check_recipient
    AFTER UPDATE ON send_queue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('recipient_id', 'recipients', 'many');
CREATE TRIGGER contacts_insert_check_tenant
    AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('tenant_id', 'tenants', 'few');
CREATE TRIGGER contacts_update_check_tenant
    AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('tenant_id', 'tenants', 'few');
