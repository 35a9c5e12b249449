-- A foreign key checks every inserted row on its own (a lookup and a row lock each): a
-- million-recipient plan paid for a million checks of the one campaign it plans, and a million
-- checks of send-queue rows against the recipients the same statement had just written. These two
-- keys become deletes by statement, which keep what the keys' ON DELETE CASCADE did: deleting a
-- campaign deletes its recipients, deleting recipients deletes their queue rows (one join per
-- statement instead of one delete per row). Nothing else is lost: recipients and queue rows are
-- written only by the planner, in one statement, for the campaign whose row it holds locked.
ALTER TABLE recipients DROP CONSTRAINT recipients_campaign_id_fkey;
ALTER TABLE send_queue DROP CONSTRAINT send_queue_recipient_id_fkey;

CREATE FUNCTION heron_delete_campaign_recipients() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM recipients r USING gone g WHERE r.campaign_id = g.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER campaigns_delete_recipients
    AFTER DELETE ON campaigns REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION heron_delete_campaign_recipients();

CREATE FUNCTION heron_delete_recipient_queue() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM send_queue q USING gone g WHERE q.recipient_id = g.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER recipients_delete_queue
    AFTER DELETE ON recipients REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION heron_delete_recipient_queue();
