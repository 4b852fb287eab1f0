-- Payments, Stripe events and checkouts (issue 13, items 6-8).

-- A Stripe event whose handling failed Fiat:EventMaxAttempts times is dead-lettered: no longer retried, listed for
-- operators (GET /v1/admin/stripe-events/dead) and re-queued by the replay (POST /v1/admin/stripe-events/{id}/replay).
ALTER TABLE stripe_events DROP CONSTRAINT stripe_events_status_check;
ALTER TABLE stripe_events ADD CONSTRAINT stripe_events_status_check CHECK (status IN ('received', 'handled', 'ignored', 'dead'));
ALTER TABLE stripe_events ADD COLUMN dead_at timestamptz;
CREATE INDEX stripe_events_dead ON stripe_events (dead_at) WHERE status = 'dead';

-- A checkout left in creating (the request ended before the Stripe call) is abandoned after Fiat:CreatingTimeout by the
-- jobs role, so it stops counting against the monthly limit.
CREATE INDEX checkout_sessions_creating ON checkout_sessions (created_at) WHERE status = 'creating';
