-- Card payments (Stripe Checkout) for business accounts, and what happens to them after delivery.

-- A business that buys Ozone by card for its Stratos wallet. on-hold: no new checkouts and no new credits until an
-- operator resolves it (a refund or dispute after delivery puts it there; a dispute won takes it back out).
CREATE TABLE business_accounts (
    id                   bigserial    PRIMARY KEY,
    name                 text         NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    contact_email        text         NOT NULL CHECK (contact_email ~ '^[^@\s]+@[^@\s]+$'),
    -- The Stratos account credited, as its 20 bytes in 0x lower-case hex (st1… is the same account).
    wallet               text         NOT NULL CHECK (wallet ~ '^0x[0-9a-f]{40}$'),
    -- Card payments allowed per calendar month (UTC), in USD cents.
    monthly_limit_cents  bigint       NOT NULL CHECK (monthly_limit_cents >= 0),
    status               text         NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on-hold')),
    -- Why the account is on hold, or how an operator resolved the last hold.
    status_note          text,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now()
);

-- API keys of business accounts. The key itself is shown once; only its SHA-256 is kept. prefix identifies a key in
-- lists and logs (it is not secret).
CREATE TABLE api_keys (
    id            bigserial    PRIMARY KEY,
    account_id    bigint       NOT NULL REFERENCES business_accounts (id),
    prefix        text         NOT NULL UNIQUE,
    key_sha256    bytea        NOT NULL UNIQUE CHECK (length(key_sha256) = 32),
    label         text,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_keys_by_account ON api_keys (account_id, id);

-- A Stripe Checkout Session for a USD quote. The row is written (creating) before the session is created at Stripe,
-- with the Idempotency-Key of that request, so a retry reuses the key and can never create a second session.
-- Lifecycle: creating → open → paid (fulfilled: a payment row exists, its credit follows) | held (paid while the
-- account was on hold: nothing credited until an operator resolves it) | reversed (refunded or disputed before it
-- was credited: nothing credited) | expired | failed (async payment failed) | abandoned (creation failed for good).
CREATE TABLE checkout_sessions (
    id                 bigserial    PRIMARY KEY,
    account_id         bigint       NOT NULL REFERENCES business_accounts (id),
    quote_id           text         NOT NULL UNIQUE REFERENCES quotes (id),
    idempotency_key    text         NOT NULL UNIQUE,
    amount_cents       bigint       NOT NULL CHECK (amount_cents > 0),
    currency           text         NOT NULL DEFAULT 'usd',
    -- Where the buyer goes after paying or cancelling (the business's pages).
    success_url        text         NOT NULL,
    cancel_url         text         NOT NULL,
    stripe_session_id  text         UNIQUE,                  -- cs_…
    url                text,                                 -- Stripe's hosted payment page
    payment_intent     text         UNIQUE,                  -- pi_…, known once the session is completed
    -- Stripe's last seen status (open | complete | expired) and payment_status (paid | unpaid | no_payment_required).
    stripe_status      text,
    payment_status     text,
    status             text         NOT NULL DEFAULT 'creating'
                       CHECK (status IN ('creating', 'open', 'paid', 'held', 'reversed', 'expired', 'failed', 'abandoned')),
    -- The ledger payment fulfilment recorded (its credit follows through the credit worker).
    payment_id         bigint       UNIQUE REFERENCES payments (id),
    last_error         text,
    expires_at         timestamptz  NOT NULL,
    fulfilled_at       timestamptz,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT checkout_sessions_open_has_stripe CHECK (status IN ('creating', 'abandoned') OR stripe_session_id IS NOT NULL),
    CONSTRAINT checkout_sessions_paid_has_payment CHECK ((status = 'paid') = (payment_id IS NOT NULL))
);
CREATE INDEX checkout_sessions_by_account ON checkout_sessions (account_id, created_at);

-- Card payments are ledger payments too (chain 'card', asset 'USD', amount in cents), so the matcher and the credit
-- worker treat them like any other. Their source event is the Checkout Session (tx_hash = cs_…, source_ref '').
ALTER TABLE payments DROP CONSTRAINT payments_asset_check;
ALTER TABLE payments ADD CONSTRAINT payments_asset_check CHECK (asset IN ('ETH', 'BNB', 'SOL', 'USD'));

-- Every Stripe webhook event, recorded once by its id (the webhook answers 2xx as soon as it is here); the jobs role
-- handles it. Lifecycle: received → handled | ignored (a type we do not act on), retried with a back-off on errors.
CREATE TABLE stripe_events (
    id               text         PRIMARY KEY,               -- evt_…
    type             text         NOT NULL,
    -- The object the event is about (cs_…, ch_…, dp_…), for operators.
    object_id        text,
    created          timestamptz  NOT NULL,                  -- Stripe's event time
    payload          jsonb        NOT NULL,
    status           text         NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'handled', 'ignored')),
    attempts         integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL DEFAULT now(),
    last_error       text,
    received_at      timestamptz  NOT NULL DEFAULT now(),
    handled_at       timestamptz
);
CREATE INDEX stripe_events_due ON stripe_events (next_attempt_at) WHERE status = 'received';

-- Money moved back after a card payment: refunds and disputes, keyed by Stripe's objects so each is recorded once.
-- kind: refund (cumulative per charge: key is charge id + amount_refunded), dispute (dp_… opened: the funds are
-- withdrawn), dispute-won (dp_… closed won: the funds come back). payment_intent links it to a checkout session
-- (which may not be known yet when the event arrives first).
CREATE TABLE card_reversals (
    id               bigserial    PRIMARY KEY,
    kind             text         NOT NULL CHECK (kind IN ('refund', 'dispute', 'dispute-won')),
    stripe_ref       text         NOT NULL,
    payment_intent   text         NOT NULL,
    charge_id        text,
    amount_cents     bigint       NOT NULL CHECK (amount_cents >= 0),
    event_id         text         REFERENCES stripe_events (id),
    occurred_at      timestamptz  NOT NULL,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT card_reversals_once UNIQUE (kind, stripe_ref)
);
CREATE INDEX card_reversals_by_intent ON card_reversals (payment_intent);

-- The business account's own ledger beyond payments, credits and card reversals: what a reversal after delivery did.
-- kind: reversal (Ozone was delivered for money that went back; the account goes on hold), reinstated (a dispute won
-- undoes its reversal), hold-resolved (an operator released the hold). cents is the part of the checkout's payment
-- concerned; the Ozone concerned is that share of the checkout's credit (computed when read, once the chain reports it).
CREATE TABLE account_entries (
    id                bigserial    PRIMARY KEY,
    account_id        bigint       NOT NULL REFERENCES business_accounts (id),
    kind              text         NOT NULL CHECK (kind IN ('reversal', 'reinstated', 'hold-resolved')),
    checkout_id       bigint       REFERENCES checkout_sessions (id),
    card_reversal_id  bigint       REFERENCES card_reversals (id),
    cents             bigint       NOT NULL DEFAULT 0 CHECK (cents >= 0),
    note              text         NOT NULL,
    -- A reversal: when a dispute won or an operator's release resolved it. Open reversals keep the account on hold.
    resolved_at       timestamptz,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT account_entries_once_per_reversal UNIQUE (kind, card_reversal_id)
);
CREATE INDEX account_entries_by_account ON account_entries (account_id, created_at);
CREATE INDEX account_entries_open_reversals ON account_entries (account_id) WHERE kind = 'reversal' AND resolved_at IS NULL;
