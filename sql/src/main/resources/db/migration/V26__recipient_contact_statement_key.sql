-- The last foreign key a plan checks per row: recipients.contact_id → contacts. A million-contact
-- plan paid a million trigger calls, each a lookup and a lock of one contact row. It becomes the
-- statement-level check of V25 (one join of the statement's new recipients with contacts, the
-- contacts locked FOR KEY SHARE as the key locked them, SQLSTATE 23503 when one is missing) and a
-- delete by statement that keeps the key's ON DELETE CASCADE: deleting contacts deletes their
-- recipients (and, by V18, their queue rows).
ALTER TABLE recipients DROP CONSTRAINT recipients_contact_id_fkey;

CREATE TRIGGER recipients_insert_check_contact
    AFTER INSERT ON recipients REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('contact_id', 'contacts');
CREATE TRIGGER recipients_update_check_contact
    AFTER UPDATE ON recipients REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION heron_check_parent_keys('contact_id', 'contacts');

-- recipients_contact_idx leads with tenant_id: the join names it so that the index serves it.
CREATE FUNCTION heron_delete_contact_recipients() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM recipients r USING gone g WHERE r.tenant_id = g.tenant_id AND r.contact_id = g.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER contacts_delete_recipients
    AFTER DELETE ON contacts REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION heron_delete_contact_recipients();
