-- Idempotency-Key on our own POSTs (issue 21): the first request with a key runs and its answer is kept; the same key with
-- the same request within 24 h gets that answer again (without doing the work twice), with another request 422
-- idempotency-key-reused. status is NULL while the first request is being served (others with the key wait for it).
-- scope keeps one client's keys apart from another's: a hash of the bearer credential sent, or 'anonymous'.
CREATE TABLE idempotent_requests (
    scope           text         NOT NULL,
    key             text         NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    method          text         NOT NULL,
    path            text         NOT NULL,
    request_sha256  bytea        NOT NULL CHECK (length(request_sha256) = 32),
    status          integer,
    content_type    text,
    location        text,
    body            bytea,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotent_requests_by_age ON idempotent_requests (created_at);
