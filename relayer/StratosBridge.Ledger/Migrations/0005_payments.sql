-- Payments for quotes (ETH/BNB via OzonePayments, SOL via Solana Pay) and the Ozone credits they earn.

-- One row per payment seen on a chain; its natural key is its source event (an OzonePaid log, or a Solana transaction
-- carrying a quote's reference). Lifecycle: pending (seen, not final) → final (waiting for the matcher) → matched (a
-- credit exists) or unmatched (nothing credited automatically; operators decide); pending → orphaned on a reorg.
CREATE TABLE payments (
    id               bigserial     PRIMARY KEY,
    source_event_id  bigint        NOT NULL REFERENCES source_events (id),
    chain            text          NOT NULL,
    tx_hash          text          NOT NULL,
    -- The quote the payment names: OzonePaid's bytes32 quoteId, or the quote whose Solana Pay reference the transaction
    -- carries. Not a foreign key: a payment may name a quote that does not exist (it is then unmatched).
    quote_id         text          NOT NULL,
    payer            text          NOT NULL,
    -- The Stratos account the payment names (OzonePaid's beneficiary); NULL for Solana (the quote's is used).
    beneficiary      text,
    asset            text          NOT NULL CHECK (asset IN ('ETH', 'BNB', 'SOL')),
    amount           numeric(78,0) NOT NULL CHECK (amount >= 0),
    block_number     bigint,
    paid_at          timestamptz   NOT NULL,                 -- the block's time
    status           text          NOT NULL
                     CHECK (status IN ('pending', 'final', 'matched', 'unmatched', 'orphaned')),
    final_at         timestamptz,
    -- The matcher's decision: paid | under-paid | over-paid | late | unknown-quote | quote-expired | duplicate |
    -- wrong-chain | wrong-beneficiary, and its explanation (also why a final payment is still waiting, e.g. no price).
    outcome          text,
    note             text,
    next_attempt_at  timestamptz   NOT NULL DEFAULT now(),   -- when the matcher looks at a final payment (again)
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT payments_one_per_source_event UNIQUE (source_event_id)
);
CREATE INDEX payments_by_quote ON payments (quote_id, id);
CREATE INDEX payments_to_match ON payments (next_attempt_at) WHERE status = 'final';
CREATE INDEX payments_unmatched ON payments (id) WHERE status = 'unmatched';

-- Ozone bought on Stratos for a matched payment: MsgPrepay of stos_wei for the beneficiary, from the relayer's account,
-- through SystemContract.runMsg. Lifecycle: ready → submitted (signed runMsg persisted) → completed (receipt with
-- MsgExecuted); a reverted runMsg goes back to ready with a back-off; a permanent refusal is failed.
CREATE TABLE credits (
    id               bigserial     PRIMARY KEY,
    payment_id       bigint        NOT NULL REFERENCES payments (id),
    quote_id         text          NOT NULL REFERENCES quotes (id),
    beneficiary      text          NOT NULL CHECK (beneficiary ~ '^0x[0-9a-f]{40}$'),
    stos_wei         numeric(78,0) NOT NULL CHECK (stos_wei > 0),
    -- The Ozone the quote promised for this credit (NULL when the amount was open: whatever the payment buys).
    quoted_noz       numeric(78,0),
    -- How stos_wei was computed (policy, rates, formula), for audit.
    rule             jsonb         NOT NULL,
    status           text          NOT NULL DEFAULT 'ready'
                     CHECK (status IN ('ready', 'submitted', 'completed', 'failed')),
    attempts         integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz   NOT NULL DEFAULT now(),
    claimed_by       text,
    claimed_until    timestamptz,
    outgoing_tx_id   bigint        REFERENCES outgoing_txs (id),
    tx_hash          text,
    block_number     bigint,
    -- The noz the chain reports for the prepay (EventPrePay.purchased_noz); NULL until it is read.
    purchased_noz    numeric(78,0),
    last_error       text,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    updated_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT credits_one_per_payment UNIQUE (payment_id)
);
CREATE INDEX credits_claimable ON credits (next_attempt_at) WHERE status = 'ready';
CREATE INDEX credits_by_beneficiary ON credits (beneficiary, id);
CREATE INDEX credits_by_quote ON credits (quote_id);
CREATE INDEX credits_noz_unknown ON credits (id) WHERE status = 'completed' AND purchased_noz IS NULL;
CREATE INDEX credits_by_outgoing_tx ON credits (outgoing_tx_id) WHERE outgoing_tx_id IS NOT NULL;
