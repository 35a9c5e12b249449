CREATE TABLE contacts (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email           text,
    first_name      text,
    last_name       text,
    phone           text,
    description     text,
    company         text,
    time_zone       text,
    tags            text[] NOT NULL DEFAULT '{}',
    attributes      jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- consent: granted | pending | none | withdrawn
    consent         text NOT NULL DEFAULT 'granted',
    consent_at      timestamptz,
    opted_out       boolean NOT NULL DEFAULT false,
    opted_out_at    timestamptz,
    last_opened_at  timestamptz,
    last_clicked_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contacts_consent_check CHECK (consent IN ('granted', 'pending', 'none', 'withdrawn'))
);
-- Emails are stored lower-cased; an import upserts on this key.
CREATE UNIQUE INDEX contacts_tenant_email_key ON contacts (tenant_id, email);
CREATE INDEX contacts_tenant_phone_idx ON contacts (tenant_id, phone);
CREATE INDEX contacts_tags_idx ON contacts USING gin (tags);
CREATE INDEX contacts_attributes_idx ON contacts USING gin (attributes jsonb_path_ops);

-- A CSV import and its progress, which the dashboard polls while it runs.
CREATE TABLE contact_imports (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    -- status: running | completed | failed
    status         text NOT NULL DEFAULT 'running',
    rows_read      bigint NOT NULL DEFAULT 0,
    rows_inserted  bigint NOT NULL DEFAULT 0,
    rows_updated   bigint NOT NULL DEFAULT 0,
    rows_failed    bigint NOT NULL DEFAULT 0,
    list_id        uuid,
    started_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    failure        text
);
CREATE INDEX contact_imports_tenant_idx ON contact_imports (tenant_id, started_at DESC);

CREATE TABLE contact_import_errors (
    import_id  uuid NOT NULL REFERENCES contact_imports (id) ON DELETE CASCADE,
    line       bigint NOT NULL,
    field      text,
    reason     text NOT NULL,
    PRIMARY KEY (import_id, line, reason)
);

-- kind: static (explicit members) | dynamic (members are whoever matches the filter expression)
CREATE TABLE lists (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text NOT NULL,
    description text,
    kind        text NOT NULL DEFAULT 'static',
    filter      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lists_kind_check CHECK (kind IN ('static', 'dynamic')),
    CONSTRAINT lists_filter_check CHECK ((kind = 'dynamic') = (filter IS NOT NULL)),
    UNIQUE (tenant_id, name)
);

CREATE TABLE list_contacts (
    list_id    uuid NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (list_id, contact_id)
);
CREATE INDEX list_contacts_contact_idx ON list_contacts (contact_id);

-- Tenant-wide: an address suppressed here is never sent marketing or transactional mail again.
-- reason: hard_bounce | complaint | unsubscribe | manual
CREATE TABLE suppression_list (
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    channel         text NOT NULL,
    address         text NOT NULL,
    reason          text NOT NULL,
    source_event_id uuid,
    detail          text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, channel, address),
    CONSTRAINT suppression_reason_check
        CHECK (reason IN ('hard_bounce', 'complaint', 'unsubscribe', 'manual'))
);
