-- The CSV import upserts tens of thousands of contacts per statement, all of one tenant; the
-- tenant foreign key checked and locked that one tenant row once per contact, which took as long
-- as writing the contact itself. The importer now takes that lock once per batch (SELECT … FOR KEY
-- SHARE, as the key did), and deleting a tenant still deletes its contacts, by statement.
ALTER TABLE contacts DROP CONSTRAINT contacts_tenant_id_fkey;

CREATE FUNCTION heron_delete_tenant_contacts() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM contacts c USING gone g WHERE c.tenant_id = g.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER tenants_delete_contacts
    AFTER DELETE ON tenants REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION heron_delete_tenant_contacts();
