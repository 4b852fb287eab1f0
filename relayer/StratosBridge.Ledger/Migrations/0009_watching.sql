-- Nothing from a watched contract is skipped silently (issue 13, item 3).
-- A log from a watched vault or OzonePayments contract that the watcher cannot decode is recorded under its natural key
-- (chain, tx hash, log index) as a 'failed' source event: the payload is the raw log, `failure` says why. The scan's
-- checkpoint still advances (the event is in the ledger, not lost); operators see it in /v1/status and in the transfer
-- API by tx hash, and the watcher logs an ALARM. A failed event never becomes a transfer or a payment by itself.
ALTER TABLE source_events DROP CONSTRAINT source_events_status_check;
ALTER TABLE source_events ADD CONSTRAINT source_events_status_check
    CHECK (status IN ('pending', 'finalized', 'orphaned', 'failed'));
ALTER TABLE source_events ADD COLUMN failure text;
ALTER TABLE source_events ADD CONSTRAINT source_events_failed_has_failure
    CHECK ((status = 'failed') = (failure IS NOT NULL));
CREATE INDEX source_events_failed ON source_events (observed_at DESC, id DESC) WHERE status = 'failed';
