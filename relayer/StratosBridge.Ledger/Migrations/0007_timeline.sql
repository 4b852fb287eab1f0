-- One timeline for every concept with a state machine (transfers, payments, credits, checkouts, outgoing transactions):
-- each guarded state change appends a row here in the same statement (StateChange.MoveAsync). Transfers had their own
-- table; their rows move here unchanged.
CREATE TABLE timeline (
    id          bigserial PRIMARY KEY,
    subject     text        NOT NULL CHECK (subject IN ('transfer', 'payment', 'credit', 'checkout', 'outgoing-tx')),
    subject_id  bigint      NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    status      text        NOT NULL,
    chain       text,
    tx_hash     text,
    actor       text        NOT NULL,
    note        text
);
CREATE INDEX timeline_by_subject ON timeline (subject, subject_id, id);

INSERT INTO timeline (subject, subject_id, at, status, chain, tx_hash, actor, note)
SELECT 'transfer', transfer_id, at, status, chain, tx_hash, actor, note FROM transfer_timeline ORDER BY id;

DROP TABLE transfer_timeline;
