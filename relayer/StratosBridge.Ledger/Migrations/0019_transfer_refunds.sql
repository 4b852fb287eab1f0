-- The refund path of a transfer that failed for good (an operator starts it): cancelling (the destination vault marks the
-- lock's id used, paying nothing) → refunding (the cancel is final; the source vault pays the sender back) → refunded.
-- Moves (TransferStates.Machine): failed → cancelling; cancelling → refunding | completed (released after all) | failed
-- (the id was used with other content); refunding → refunded. outgoing_tx_id points at the cancel or refund in flight.
ALTER TABLE transfers DROP CONSTRAINT transfers_status_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_status_check
    CHECK (status IN ('pending', 'finalized', 'submitted', 'completed', 'orphaned', 'failed', 'cancelling', 'refunding', 'refunded'));
CREATE INDEX transfers_refund_path ON transfers (id) WHERE status IN ('cancelling', 'refunding');
