-- Credits that wait for a person, and outgoing transactions whose broadcast was refused.

-- needs-operator: the prepay's destination transaction succeeded but the service cannot tell that it bought the Ozone (no
-- MsgExecuted it recognises), or another transaction took its nonce. Done is never redone automatically: an operator
-- settles it (completed, naming a mined prepay of ours) or retries it (back to ready), both on the timeline.
-- Moves (CreditStates.Machine): ready → submitted | failed; submitted → completed | ready (reverted) | needs-operator;
-- needs-operator → completed | ready (operator); failed → ready (operator).
ALTER TABLE credits DROP CONSTRAINT credits_status_check;
ALTER TABLE credits ADD CONSTRAINT credits_status_check
    CHECK (status IN ('ready', 'submitted', 'completed', 'failed', 'needs-operator'));
CREATE INDEX credits_needing_operator ON credits (id) WHERE status IN ('needs-operator', 'failed');

-- A refused broadcast (insufficient funds, a refusal the service cannot classify) is tried again after retry_at; refusals
-- counts them (the back-off doubles). dropped (declared in 0001) is now used: another transaction took the row's nonce.
-- Moves (OutgoingTxStates.Machine): signed → broadcast | replaced (refused for its fees, re-signed) | mined | reverted |
-- dropped; broadcast → mined | reverted | replaced | dropped; replaced → mined | reverted (an earlier version of the
-- nonce can still be the one mined).
ALTER TABLE outgoing_txs
    ADD COLUMN refusals integer     NOT NULL DEFAULT 0,
    ADD COLUMN retry_at timestamptz;
