-- The whole outcome of a message on its claim, so that message search and a re-emitted outcome
-- event need nothing else: the class of a bounce, the reply's codes, and why when there was no reply.
ALTER TABLE message_claims
    ADD COLUMN bounce_class    text,
    ADD COLUMN smtp_code       integer,
    ADD COLUMN enhanced_status text,
    ADD COLUMN reason          text;
