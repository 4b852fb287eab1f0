-- Card refunds by operators, and refunds that come before the Ozone was delivered (issue 16).

-- A credit whose card payment was refunded in full before its prepay was signed is cancelled: nothing is owed.
ALTER TABLE credits DROP CONSTRAINT credits_status_check;
ALTER TABLE credits ADD CONSTRAINT credits_status_check
    CHECK (status IN ('ready', 'submitted', 'completed', 'failed', 'needs-operator', 'cancelled'));

-- A paid checkout refunded in full before its credit's prepay was signed is reversed and keeps its payment.
ALTER TABLE checkout_sessions DROP CONSTRAINT checkout_sessions_paid_has_payment;
ALTER TABLE checkout_sessions ADD CONSTRAINT checkout_sessions_paid_has_payment
    CHECK ((status <> 'paid' OR payment_id IS NOT NULL) AND (payment_id IS NULL OR status IN ('paid', 'reversed')));

-- The refunds operators ask for (POST /v1/admin/checkouts/{id}/refund), recorded with their Idempotency-Key
-- (refund-{checkout}-{n}) before the Stripe call: a request whose answer was lost is asked again with the same key, so
-- Stripe refunds once. Lifecycle: requested → succeeded | failed (Stripe refused it). What the refund does to the
-- checkout, its credit and the account comes with Stripe's charge.refunded event, as for a refund from the dashboard.
CREATE TABLE checkout_refunds (
    id                bigserial    PRIMARY KEY,
    checkout_id       bigint       NOT NULL REFERENCES checkout_sessions (id),
    n                 integer      NOT NULL CHECK (n > 0),
    idempotency_key   text         NOT NULL UNIQUE,
    amount_cents      bigint       CHECK (amount_cents > 0),  -- null: what is left of the charge
    reason            text         NOT NULL,
    operator          text         NOT NULL,
    status            text         NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'succeeded', 'failed')),
    stripe_refund_id  text         UNIQUE,                    -- re_…
    refunded_cents    bigint,
    last_error        text,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT checkout_refunds_once UNIQUE (checkout_id, n)
);
CREATE UNIQUE INDEX checkout_refunds_one_requested ON checkout_refunds (checkout_id) WHERE status = 'requested';
