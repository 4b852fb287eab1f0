-- STAND-IN for the lead's 0007 (issue 13 item 8) until it lands on main: the generic timeline. Replaced by main's at merge.
CREATE TABLE timeline (
    id          bigserial   PRIMARY KEY,
    subject     text        NOT NULL,
    subject_id  bigint      NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    status      text        NOT NULL,
    chain       text,
    tx_hash     text,
    actor       text        NOT NULL,
    note        text
);
CREATE INDEX timeline_by_subject ON timeline (subject, subject_id, id);
