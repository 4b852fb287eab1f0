-- The governor (issue 19): per source chain, a sliding 24 h USD limit on what is signed and a single-transfer threshold.
-- A transfer that would exceed either moves finalized → delayed (TransferStates.Machine) with the reason and the time it
-- is released by itself (delayed_until; NULL while an operator holds it indefinitely). When that time comes, or an operator
-- releases it early, it goes back to finalized with governor_released_by set: it is then relayed without the governor's
-- checks, and still counts in the window.
-- A transfer counts against its source chain's window when its release is signed: governed_usd (its value at the STOS/USD
-- price then) and governed_at are written in the transaction that persists the signed batch, after that transaction has
-- locked the chain's governor_windows row, so two instances checking the window at once take turns and cannot overshoot it.
ALTER TABLE transfers DROP CONSTRAINT transfers_status_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_status_check
    CHECK (status IN ('pending', 'finalized', 'delayed', 'submitted', 'completed', 'orphaned', 'failed', 'cancelling', 'refunding',
                      'refunded'));
ALTER TABLE transfers
    ADD COLUMN delay_reason         text,
    ADD COLUMN delayed_until        timestamptz,
    ADD COLUMN governor_released_by text,
    ADD COLUMN governed_usd         numeric,
    ADD COLUMN governed_at          timestamptz;
CREATE INDEX transfers_delayed ON transfers (delayed_until) WHERE status = 'delayed';
CREATE INDEX transfers_governed ON transfers (source_chain, governed_at) WHERE governed_at IS NOT NULL;

CREATE TABLE governor_windows (
    chain text PRIMARY KEY  -- a source chain; its row is locked (FOR UPDATE) while a signed batch is checked against its window
);
