-- StratosBridge ledger, first schema. Amounts are numeric(78,0): any uint256 fits.

-- Every outside input, once, under its natural key. For EVM logs the key is (chain, tx_hash, log_index);
-- for Solana (chain, signature, reference) with reference in source_ref; for Stripe the event/session id.
CREATE TABLE source_events (
    id            bigserial PRIMARY KEY,
    chain         text        NOT NULL,
    tx_hash       text        NOT NULL,
    source_ref    text        NOT NULL,          -- log index for EVM, reference key for Solana Pay, '' when none
    kind          text        NOT NULL,          -- e.g. 'locked', 'ozone-paid'
    block_number  bigint,
    block_hash    text,
    payload       jsonb       NOT NULL,
    status        text        NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'finalized', 'orphaned')),
    observed_at   timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT source_events_natural_key UNIQUE (chain, tx_hash, source_ref)
);
CREATE INDEX source_events_pending ON source_events (chain, block_number) WHERE status = 'pending';

CREATE TABLE transfers (
    id               bigserial PRIMARY KEY,
    source_event_id  bigint      NOT NULL REFERENCES source_events (id),
    source_chain     text        NOT NULL,
    dest_chain       text        NOT NULL,
    sender           text        NOT NULL,       -- 0x… lower case, 20 bytes
    recipient        text        NOT NULL,       -- 0x… lower case, 20 bytes (st1… is the same account)
    amount           numeric(78,0) NOT NULL CHECK (amount > 0),
    status           text        NOT NULL
                     CHECK (status IN ('pending', 'finalized', 'submitted', 'completed', 'orphaned', 'failed')),
    state_since      timestamptz NOT NULL DEFAULT now(),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    claimed_by       text,
    claimed_until    timestamptz,
    last_error       text,
    outgoing_tx_id   bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT transfers_one_per_source_event UNIQUE (source_event_id)
);
CREATE INDEX transfers_claimable ON transfers (status, next_attempt_at) WHERE status IN ('finalized', 'submitted');
CREATE INDEX transfers_recipient ON transfers (recipient);
CREATE INDEX transfers_sender ON transfers (sender);

CREATE TABLE transfer_timeline (
    id           bigserial PRIMARY KEY,
    transfer_id  bigint      NOT NULL REFERENCES transfers (id),
    at           timestamptz NOT NULL DEFAULT now(),
    status       text        NOT NULL,
    chain        text,
    tx_hash      text,
    actor        text        NOT NULL,
    note         text
);
CREATE INDEX transfer_timeline_by_transfer ON transfer_timeline (transfer_id, id);

-- The next nonce of each signer on each chain. Allocation takes the row lock for the rest of the
-- allocating transaction, so two workers can never get the same nonce.
CREATE TABLE signer_nonces (
    chain       text    NOT NULL,
    signer      text    NOT NULL,
    next_nonce  bigint  NOT NULL CHECK (next_nonce >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chain, signer)
);

-- Every signed destination transaction, persisted before it is broadcast. A fee bump is a new row
-- with the same (chain, signer, nonce) that replaces the older one.
CREATE TABLE outgoing_txs (
    id            bigserial PRIMARY KEY,
    chain         text        NOT NULL,
    signer        text        NOT NULL,
    nonce         bigint      NOT NULL,
    raw_tx        bytea       NOT NULL,
    tx_hash       text        NOT NULL,
    purpose       text        NOT NULL,          -- e.g. 'release-batch', 'prepay'
    status        text        NOT NULL DEFAULT 'signed'
                  CHECK (status IN ('signed', 'broadcast', 'mined', 'reverted', 'replaced', 'dropped')),
    replaces_id   bigint      REFERENCES outgoing_txs (id),
    block_number  bigint,
    error         text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    broadcast_at  timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT outgoing_txs_hash UNIQUE (chain, tx_hash)
);
CREATE INDEX outgoing_txs_open ON outgoing_txs (chain, status) WHERE status IN ('signed', 'broadcast');
CREATE INDEX outgoing_txs_by_nonce ON outgoing_txs (chain, signer, nonce);

ALTER TABLE transfers ADD CONSTRAINT transfers_outgoing_tx FOREIGN KEY (outgoing_tx_id) REFERENCES outgoing_txs (id);

-- Watcher checkpoints: the recent (number, hash) pairs a watcher has processed, so a reorg can be detected
-- by comparing hashes; old rows are pruned beyond the reorg window.
CREATE TABLE chain_checkpoints (
    chain         text        NOT NULL,
    block_number  bigint      NOT NULL,
    block_hash    text        NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chain, block_number)
);

-- Chain heads as last seen by the watcher that holds the chain's lock.
CREATE TABLE chain_heads (
    chain            text        PRIMARY KEY,
    head             bigint      NOT NULL,
    finalized        bigint,
    watcher_instance text        NOT NULL,
    seen_at          timestamptz NOT NULL DEFAULT now()
);

-- One row per run of a recurring job, for operators (and to prove a clustered job never overlaps).
CREATE TABLE job_runs (
    id           bigserial PRIMARY KEY,
    job          text        NOT NULL,
    instance_id  text        NOT NULL,
    scheduled_for timestamptz,                   -- the trigger's scheduled fire time: one run per firing
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    outcome      text        NOT NULL,
    detail       text
);
CREATE INDEX job_runs_recent ON job_runs (job, started_at DESC);
