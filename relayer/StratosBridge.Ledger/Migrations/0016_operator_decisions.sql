-- An operator's decision (settle or retry a credit, …) is carried out by a Hangfire job, which may run twice, or again hours
-- later after its server died. Each decision has an id, drawn when the operator asks; it is recorded here in the same
-- transaction as the state change it makes (or finds it cannot make), so it takes effect once: a second run finds its
-- id and does nothing, even if the subject came back meanwhile to the state the decision applied to.
CREATE TABLE operator_decisions (
    decision    text        PRIMARY KEY,
    subject     text        NOT NULL,
    subject_id  bigint      NOT NULL,
    action      text        NOT NULL,
    applied     boolean     NOT NULL,
    decided_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX operator_decisions_by_subject ON operator_decisions (subject, subject_id);
