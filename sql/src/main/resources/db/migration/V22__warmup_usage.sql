-- How many messages each sending IP has taken from its warmup cap on each day. Senders count here
-- with one atomic upsert per message, so that a daily cap holds exactly across all instances.
CREATE TABLE warmup_usage (
    ip   text NOT NULL,
    day  date NOT NULL,
    sent bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (ip, day)
);
