-- Wake-ups (issue 23): work that becomes due wakes the workers at once instead of at their next poll. When a statement
-- puts a row into a state that some worker acts on, the database notifies channel stratosbridge_work with the table's
-- name, once per transaction (PostgreSQL folds equal notifications) and only at commit. Every process that waits on
-- that table listens (LedgerWakeups): the relay worker on transfers and attestations, the credit worker on payments
-- and credits, the attesters on transfers (the refund worker
-- polls: its path is rare and operator-driven). A wake-up is only a hint, safe to lose: each worker still polls, and the
-- ledger stays the truth.
--
-- The states named in a trigger's arguments are the ones that wake (none named: any row wakes). An update wakes only
-- for rows whose status changed into one of them, so a worker's own claims and back-offs (status unchanged) never wake
-- it again.
CREATE FUNCTION notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_NARGS = 0 THEN
        PERFORM 1 FROM woken_new LIMIT 1;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM 1 FROM woken_new WHERE status = ANY (TG_ARGV) LIMIT 1;
    ELSE
        PERFORM 1 FROM woken_new n JOIN woken_old o ON o.id = n.id
         WHERE n.status = ANY (TG_ARGV) AND n.status IS DISTINCT FROM o.status LIMIT 1;
    END IF;
    IF FOUND THEN
        PERFORM pg_notify('stratosbridge_work', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END
$$;

-- finalized: ready to attest and relay; delayed: attested while the governor holds it; cancelling, refunding: the refund
-- path's Cancel and Refund to attest
CREATE TRIGGER transfers_wake_insert AFTER INSERT ON transfers REFERENCING NEW TABLE AS woken_new
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work('finalized', 'delayed', 'cancelling', 'refunding');
CREATE TRIGGER transfers_wake_update AFTER UPDATE ON transfers REFERENCING OLD TABLE AS woken_old NEW TABLE AS woken_new
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work('finalized', 'delayed', 'cancelling', 'refunding');

-- final: ready to be matched to its quote
CREATE TRIGGER payments_wake_insert AFTER INSERT ON payments REFERENCING NEW TABLE AS woken_new
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work('final');
CREATE TRIGGER payments_wake_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS woken_old NEW TABLE AS woken_new
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work('final');

-- ready: a credit to prepay (a match, a grant, an operator's retry)
CREATE TRIGGER credits_wake_insert AFTER INSERT ON credits REFERENCING NEW TABLE AS woken_new
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work('ready');
CREATE TRIGGER credits_wake_update AFTER UPDATE ON credits REFERENCING OLD TABLE AS woken_old NEW TABLE AS woken_new
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work('ready');

-- a signature published (or replaced): the relayer may now hold the threshold
CREATE TRIGGER attestations_wake_insert AFTER INSERT ON attestations REFERENCING NEW TABLE AS woken_new
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work();
CREATE TRIGGER attestations_wake_update AFTER UPDATE ON attestations REFERENCING OLD TABLE AS woken_old NEW TABLE AS woken_new
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work();
