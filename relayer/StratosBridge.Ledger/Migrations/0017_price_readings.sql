-- Price sources are polled once per cluster: the instance holding the lease "price-poller" fetches every source and
-- records here what each (source, asset) last said; every instance's price book reads it. A good value replaces one fetched
-- earlier (never one fetched later, should two instances poll for a moment); a failure keeps the last good value and
-- records the error.
CREATE TABLE price_readings (
    source       text        NOT NULL,
    asset        text        NOT NULL,
    price        numeric,                 -- the last good value (exact decimal, as the provider wrote it)
    observed_at  timestamptz,             -- the provider's own time of it, else when it was fetched
    fetched_at   timestamptz,             -- when it was fetched
    polled_by    text,                    -- the instance that fetched it (host:pid)
    error        text,                    -- the last failure since that value, if any
    error_at     timestamptz,
    PRIMARY KEY (source, asset)
);
