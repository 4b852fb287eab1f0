-- Signed webhooks to integrators (issue 21): an account's endpoints, the events its quotes, checkouts, credits, account
-- and followed wallets cause, and each delivery with its attempts.

-- A quote created with an account's API key belongs to that account (its events go to the account's endpoints).
-- Anonymous quotes stay NULL and fire no webhooks.
ALTER TABLE quotes ADD COLUMN account_id bigint REFERENCES business_accounts (id);
CREATE INDEX quotes_by_account ON quotes (account_id, created_at) WHERE account_id IS NOT NULL;

-- Wallets an account follows: transfer.completed and transfer.delayed of transfers they send or receive.
CREATE TABLE followed_wallets (
    account_id  bigint       NOT NULL REFERENCES business_accounts (id),
    wallet      text         NOT NULL CHECK (wallet ~ '^0x[0-9a-f]{40}$'),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, wallet)
);
CREATE INDEX followed_wallets_by_wallet ON followed_wallets (wallet);

-- Where an account wants its events. The secret (whsec_…) signs every delivery; it is shown once, at creation and at each
-- rotation. During a rotation the previous secret signs too (a second v1= in the signature header) until
-- previous_secret_until. failing_since is the first failed attempt since the last success: an endpoint that has failed
-- for Webhooks:DisableAfter (3 days) is disabled, with the reason, and its pending deliveries stop.
CREATE TABLE webhook_endpoints (
    id                     bigserial    PRIMARY KEY,
    account_id             bigint       NOT NULL REFERENCES business_accounts (id),
    url                    text         NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
    events                 text[]       NOT NULL CHECK (cardinality(events) > 0),
    secret                 text         NOT NULL,
    previous_secret        text,
    previous_secret_until  timestamptz,
    status                 text         NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
    status_note            text,
    failing_since          timestamptz,
    created_at             timestamptz  NOT NULL DEFAULT now(),
    updated_at             timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_by_account ON webhook_endpoints (account_id, id);

-- The outbox: every state change that may concern an integrator, written by the same statement (so the same
-- transaction) as the change itself, by the triggers below. It holds no decision: the webhook dispatcher reads it, decides
-- which event each row is and for which accounts (Core's WebhookEventTypes), records those events and deletes the row, in
-- one transaction. A kill at any line therefore neither loses nor invents an event.
CREATE TABLE webhook_outbox (
    id          bigserial    PRIMARY KEY,
    subject     text         NOT NULL,
    subject_id  bigint       NOT NULL,
    status      text         NOT NULL,
    at          timestamptz  NOT NULL DEFAULT now()
);

CREATE FUNCTION webhook_outbox_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_outbox (subject, subject_id, status, at) VALUES (NEW.subject, NEW.subject_id, NEW.status, NEW.at);
    RETURN NULL;
END $$;
CREATE TRIGGER timeline_webhook_outbox AFTER INSERT ON timeline
    FOR EACH ROW WHEN (NEW.subject IN ('transfer', 'payment', 'credit', 'checkout'))
    EXECUTE FUNCTION webhook_outbox_timeline();

CREATE FUNCTION webhook_outbox_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_outbox (subject, subject_id, status) VALUES ('account', NEW.id, NEW.status);
    RETURN NULL;
END $$;
CREATE TRIGGER business_accounts_webhook_outbox AFTER UPDATE OF status ON business_accounts
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION webhook_outbox_account();

-- One event for one account: evt_ + 24 hex digits. payload is the event body as first sent (the same object the read API
-- shows at that moment), kept so that every retry and redelivery sends the same bytes.
CREATE TABLE webhook_events (
    id           text         PRIMARY KEY CHECK (id ~ '^evt_[0-9a-f]{24}$'),
    account_id   bigint       NOT NULL REFERENCES business_accounts (id),
    type         text         NOT NULL,
    subject      text         NOT NULL,
    subject_id   bigint       NOT NULL,
    outbox_id    bigint,
    occurred_at  timestamptz  NOT NULL,
    payload      jsonb,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
-- At most one event of a type per subject and account: a state seen again (a payment seen in a new block, a reorg and back)
-- or two dispatchers racing make no second event. Test events (subject 'test') are each their own.
CREATE UNIQUE INDEX webhook_events_once ON webhook_events (account_id, type, subject, subject_id) WHERE subject <> 'test';
CREATE INDEX webhook_events_by_account ON webhook_events (account_id, created_at);

-- One event to one endpoint. pending → delivered | failed (the endpoint was disabled, or deleted). attempts counts sends
-- started (incremented when claimed, before the POST), so a delivery sent again after a crash is marked as a redelivery.
-- A redelivery an account asks for is a new row naming the original.
CREATE TABLE webhook_deliveries (
    id               bigserial    PRIMARY KEY,
    event_id         text         NOT NULL REFERENCES webhook_events (id),
    endpoint_id      bigint       NOT NULL REFERENCES webhook_endpoints (id),
    redelivery_of    bigint       REFERENCES webhook_deliveries (id),
    status           text         NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL DEFAULT now(),
    claimed_by       text,
    claimed_until    timestamptz,
    last_status      integer,
    last_error       text,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    updated_at       timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX webhook_deliveries_first ON webhook_deliveries (event_id, endpoint_id) WHERE redelivery_of IS NULL;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);

-- Every attempt: when, how long, the HTTP status (NULL when none came: refused, timed out) and the first bytes of the answer.
CREATE TABLE webhook_attempts (
    id            bigserial    PRIMARY KEY,
    delivery_id   bigint       NOT NULL REFERENCES webhook_deliveries (id),
    at            timestamptz  NOT NULL DEFAULT now(),
    duration_ms   integer      NOT NULL,
    status_code   integer,
    error         text,
    response      text
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, id);
