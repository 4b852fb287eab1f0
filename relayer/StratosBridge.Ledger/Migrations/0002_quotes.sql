-- Quotes: what a payment buys, at a locked rate, for a while. Amounts are numeric(78,0) base units.

CREATE TABLE quotes (
    -- 32 random bytes as 0x + 64 lower-case hex digits: the bytes32 quoteId of OzonePayments.pay.
    id                text          PRIMARY KEY CHECK (id ~ '^0x[0-9a-f]{64}$'),
    -- The Stratos account credited, as its 20 bytes in 0x lower-case hex (st1… is the same account).
    beneficiary       text          NOT NULL CHECK (beneficiary ~ '^0x[0-9a-f]{40}$'),
    pay_asset         text          NOT NULL CHECK (pay_asset IN ('ETH', 'BNB', 'SOL', 'USD')),
    pay_chain         text          NOT NULL CHECK (pay_chain IN ('ethereum', 'bsc', 'solana', 'card')),
    -- Where the payment goes: the OzonePayments contract (0x…) or the Solana recipient (base58); NULL for card.
    pay_to            text,
    -- The EVM chain id of an ETH/BNB quote.
    chain_id          bigint,
    -- What is bought: noz (1 OZ = 10^9 noz); NULL = whatever the payment buys at the locked rates.
    noz               numeric(78,0) CHECK (noz > 0),
    -- The STOS (wei) to prepay for noz, and the amount due in the pay asset's base units (wei, lamports, cents).
    stos_wei          numeric(78,0) CHECK (stos_wei > 0),
    amount_due        numeric(78,0) CHECK (amount_due > 0),
    -- The locked rates (USD per whole unit) and the spread in percent.
    stos_usd          numeric       NOT NULL CHECK (stos_usd > 0),
    asset_usd         numeric       NOT NULL CHECK (asset_usd > 0),
    spread_percent    numeric       NOT NULL CHECK (spread_percent >= 0),
    -- Solana Pay reference key (base58) of a SOL quote; the watcher finds the payment by it.
    solana_reference  text          UNIQUE,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    expires_at        timestamptz   NOT NULL,
    monitor_until     timestamptz   NOT NULL,
    -- The evaluated pricing rule: sources, values, ages, medians, spread, Ozone state. For audit.
    pricing_rule      jsonb         NOT NULL,
    CONSTRAINT quotes_amount_with_noz CHECK ((noz IS NULL) = (stos_wei IS NULL) AND (noz IS NULL) = (amount_due IS NULL)),
    CONSTRAINT quotes_reference_for_sol CHECK ((pay_asset = 'SOL') = (solana_reference IS NOT NULL)),
    CONSTRAINT quotes_evm_target CHECK (pay_asset NOT IN ('ETH', 'BNB') OR (pay_to ~ '^0x[0-9a-f]{40}$' AND chain_id > 0)),
    CONSTRAINT quotes_windows CHECK (expires_at > created_at AND monitor_until >= expires_at)
);
CREATE INDEX quotes_by_beneficiary ON quotes (beneficiary, created_at DESC);
CREATE INDEX quotes_monitored ON quotes (pay_chain, monitor_until);
