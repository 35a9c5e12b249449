-- How long an A/B test runs once its campaign starts: window_ends_at is set from it at launch.
ALTER TABLE ab_tests ADD COLUMN window_hours integer NOT NULL DEFAULT 4;
ALTER TABLE ab_tests ADD CONSTRAINT ab_tests_window_check CHECK (window_hours BETWEEN 1 AND 720);
ALTER TABLE ab_tests ADD CONSTRAINT ab_tests_test_percent_check CHECK (test_percent BETWEEN 1 AND 100);

-- The dispatcher looks for held-back recipients of decided tests; the planner for a campaign's
-- recipients in one status. (recipients_campaign_status_idx covers both.)

-- The first time at or after from_time that falls in hour_of_week (0 = Monday 00:00) in the
-- given time zone: the send-time model's hours are the contact's local hours. Within the current
-- hour, from_time itself.
CREATE FUNCTION heron_next_hour_of_week(from_time timestamptz, hour_of_week integer, zone text)
    RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT (CASE WHEN s.slot >= date_trunc('hour', l.local) THEN greatest(s.slot, l.local)
                 ELSE s.slot + interval '7 days' END) AT TIME ZONE zone
    FROM (SELECT from_time AT TIME ZONE zone AS local) l,
         LATERAL (SELECT date_trunc('week', l.local) + make_interval(hours => hour_of_week) AS slot) s
$$;
