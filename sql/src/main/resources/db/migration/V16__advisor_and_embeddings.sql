-- The advisor's recommendations about one campaign: which check raised it (code) about what
-- (subject), and whether the user dismissed it. A re-run resolves what no longer applies, keeps
-- what still does, and does not raise again what was dismissed.
ALTER TABLE advisor_recommendations
    ADD COLUMN campaign_id  uuid REFERENCES campaigns (id) ON DELETE CASCADE,
    ADD COLUMN code         text,
    ADD COLUMN dismissed_at timestamptz;
CREATE UNIQUE INDEX advisor_recommendations_open_key
    ON advisor_recommendations (campaign_id, code, subject) WHERE resolved_at IS NULL;

-- When the advisor last ran for a campaign, so that a completed campaign is checked once more.
CREATE TABLE advisor_runs (
    campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    ran_at      timestamptz NOT NULL DEFAULT now()
);

-- Which embedding provider wrote campaigns.embedding, so that a change of provider re-embeds.
ALTER TABLE campaigns ADD COLUMN embedding_model text;
