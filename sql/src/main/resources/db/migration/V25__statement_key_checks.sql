-- V17–V19 replaced three foreign keys by statement-level delete triggers (recipients.campaign_id
-- → campaigns, send_queue.recipient_id → recipients, contacts.tenant_id → tenants): the cascade
-- stayed, but an INSERT or UPDATE naming a parent that does not exist was no longer refused.
-- These triggers refuse it again, once per statement instead of once per row: a join of the
-- statement's new rows (its transition table) with the parent table, which fails with
-- foreign_key_violation (SQLSTATE 23503) naming the table, the column and one missing value.
--
-- As a real key does, the check locks the parent rows it finds (FOR KEY SHARE), so a parent that
-- a concurrent transaction deletes either waits for this one to commit (and then cascades to the
-- new rows) or, when the delete committed first, is not found and the statement fails. A parent
-- row written by this same transaction is counted but not locked: no other transaction can see
-- it before this one commits, so none can delete it. (The planner writes a million recipients and
-- their queue rows in one statement; locking each of those recipients again would write a million
-- lock records for nothing.)
--
-- An UPDATE checks only key values the statement's old rows did not have (a real key checks only
-- rows whose key changed), so status updates of recipients or contacts join and lock nothing.
--
-- PostgreSQL allows transition tables only on triggers for one event: an INSERT and an UPDATE
-- trigger per key, sharing this function. Arguments: the child's column, the parent table (whose
-- key is its id).
CREATE FUNCTION heron_check_parent_keys() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    child_column text := TG_ARGV[0];
    parent_table text := TG_ARGV[1];
    new_keys     text;
    wanted       bigint;
    written_here bigint;
    locked       bigint := 0;
    missing      text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        new_keys := format('SELECT DISTINCT n.%1$I AS id FROM new_rows n WHERE n.%1$I IS NOT NULL',
                           child_column);
    ELSE
        new_keys := format('SELECT DISTINCT n.%1$I AS id FROM new_rows n WHERE n.%1$I IS NOT NULL'
                           ' AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.%1$I = n.%1$I)',
                           child_column);
    END IF;
    EXECUTE format('WITH k AS MATERIALIZED (%s)'
                   ' SELECT (SELECT count(*) FROM k),'
                   ' (SELECT count(*) FROM %I p JOIN k ON k.id = p.id'
                   '  WHERE p.xmin = pg_current_xact_id()::xid)', new_keys, parent_table)
        INTO wanted, written_here;
    IF written_here < wanted THEN
        EXECUTE format('WITH k AS MATERIALIZED (%s)'
                       ' SELECT count(*) FROM (SELECT 1 FROM %I p JOIN k ON k.id = p.id'
                       '  WHERE p.xmin <> pg_current_xact_id()::xid FOR KEY SHARE OF p) l',
                       new_keys, parent_table)
            INTO locked;
    END IF;
    IF written_here + locked < wanted THEN
        EXECUTE format('SELECT k.id::text FROM (%s) k'
                       ' WHERE NOT EXISTS (SELECT 1 FROM %I p WHERE p.id = k.id) LIMIT 1',
                       new_keys, parent_table)
            INTO missing;
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

CREATE TRIGGER recipients_insert_check_campaign
    AFTER INSERT ON recipients REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('campaign_id', 'campaigns');
CREATE TRIGGER recipients_update_check_campaign
    AFTER UPDATE ON recipients REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('campaign_id', 'campaigns');

CREATE TRIGGER send_queue_insert_check_recipient
    AFTER INSERT ON send_queue REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('recipient_id', 'recipients');
CREATE TRIGGER send_queue_update_check_recipient
    AFTER UPDATE ON send_queue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('recipient_id', 'recipients');

CREATE TRIGGER contacts_insert_check_tenant
    AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('tenant_id', 'tenants');
CREATE TRIGGER contacts_update_check_tenant
    AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('tenant_id', 'tenants');
