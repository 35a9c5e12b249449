-- Compression and retention policies exist only in TimescaleDB's community (timescale-licensed)
-- edition. On the Apache edition they are skipped, and expired chunks are removed by a scheduled
-- drop_chunks call instead (see retention_settings).
CREATE TABLE retention_settings (
    hypertable   text PRIMARY KEY,
    keep         interval NOT NULL,
    compress_after interval
);
INSERT INTO retention_settings (hypertable, keep, compress_after) VALUES
    ('events', INTERVAL '400 days', INTERVAL '7 days'),
    ('insight_buckets_hourly', INTERVAL '5 years', INTERVAL '30 days'),
    ('ip_reputation', INTERVAL '400 days', INTERVAL '7 days'),
    ('contact_send_time', INTERVAL '400 days', NULL);

DO $$
DECLARE
    r record;
BEGIN
    IF coalesce(current_setting('timescaledb.license', true), 'apache') <> 'timescale' THEN
        RAISE NOTICE 'TimescaleDB % edition: compression and retention policies skipped',
            coalesce(current_setting('timescaledb.license', true), 'apache');
        RETURN;
    END IF;
    FOR r IN SELECT * FROM retention_settings LOOP
        IF r.compress_after IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %I SET (timescaledb.compress)', r.hypertable);
            PERFORM add_compression_policy(r.hypertable::regclass, r.compress_after);
        END IF;
        PERFORM add_retention_policy(r.hypertable::regclass, r.keep);
    END LOOP;
END
$$;
