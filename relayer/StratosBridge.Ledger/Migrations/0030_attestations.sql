-- Independent attesters (issue 18). Each attester is its own process with its own key, RPC endpoints and database
-- credentials (README "Attesters": it needs SELECT on transfers, source_events and schema_migrations, INSERT on
-- attestations, INSERT/UPDATE on attesters). It re-reads every lock from its own node and publishes its EIP-712
-- signature here; the relayer verifies each signature (recovers the signer, asks the vault whether it is an attester)
-- and submits a release only with the vault's threshold of distinct valid signers.

-- One signature per lock, kind and attester. kind: release (the destination vault's Release), cancel (the destination
-- vault's Cancel, the refund path) or refund (the source vault's Refund). digest is the EIP-712 hash that was signed:
-- an attester never signs the same (release_id, kind) with another digest (its own journal refuses it, and this key
-- keeps one row).
CREATE TABLE attestations (
    release_id   text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('release', 'cancel', 'refund')),
    attester     text        NOT NULL,
    transfer_id  bigint      NOT NULL REFERENCES transfers (id),
    digest       text        NOT NULL,
    signature    text        NOT NULL,
    signed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (release_id, kind, attester)
);
CREATE INDEX attestations_transfer ON attestations (transfer_id, kind);

-- Each attester's own report: when it last looked (seen_at), when it last signed, and its last refusal (an ALARM:
-- its node contradicts the ledger). /v1/status shows these with the attester's lag.
CREATE TABLE attesters (
    address            text        PRIMARY KEY,
    started_at         timestamptz NOT NULL DEFAULT now(),
    seen_at            timestamptz NOT NULL DEFAULT now(),
    last_attested_at   timestamptz,
    attested           bigint      NOT NULL DEFAULT 0,
    refused            bigint      NOT NULL DEFAULT 0,
    last_refusal       text,
    last_refusal_at    timestamptz
);
