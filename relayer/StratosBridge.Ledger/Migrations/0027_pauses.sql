-- Operator safety (issue 19): pauses and reconciliation.

-- A pause stops work (README "Pausing the service"). Rows are never deleted: a pause in force has resumed_at NULL, and the
-- row is its own audit (who paused, when, why; who resumed, when, why). Every worker reads the pauses in force at the start
-- of each round, on every instance. scope: all | chain (chain) | route (chain = source, destination) | credits (chain = the
-- pay chain, NULL = all credits) | cards. origin: operator | on-chain (a contract paused on-chain, resumed by the service
-- when the contract is unpaused) | reconciliation (a breach; resumed only by an operator, who thereby accepts the numbers).
CREATE TABLE pauses (
    id             bigserial   PRIMARY KEY,
    scope          text        NOT NULL CHECK (scope IN ('all', 'chain', 'route', 'credits', 'cards')),
    chain          text,
    destination    text,
    origin         text        NOT NULL CHECK (origin IN ('operator', 'on-chain', 'reconciliation')),
    reason         text        NOT NULL CHECK (length(reason) > 0),
    paused_by      text        NOT NULL,
    paused_at      timestamptz NOT NULL DEFAULT now(),
    -- reconciliation: the check that breached (reconciliation_checks.check_key) and its numbers when it did
    check_key      text,
    detail         jsonb,
    resumed_by     text,
    resumed_at     timestamptz,
    resume_reason  text,
    CONSTRAINT pauses_shape CHECK (
        (scope IN ('all', 'cards') AND chain IS NULL AND destination IS NULL)
        OR (scope = 'chain' AND chain IS NOT NULL AND destination IS NULL)
        OR (scope = 'route' AND chain IS NOT NULL AND destination IS NOT NULL)
        OR (scope = 'credits' AND destination IS NULL)),
    CONSTRAINT pauses_resumed CHECK ((resumed_at IS NULL) = (resumed_by IS NULL))
);
-- One pause in force per scope and origin: pausing again what is paused is "already paused".
CREATE UNIQUE INDEX pauses_in_force ON pauses (scope, coalesce(chain, ''), coalesce(destination, ''), origin) WHERE resumed_at IS NULL;

-- The last result of each reconciliation check (check_key: route:ethereum>stratos, payments:bsc, …). difference is signed,
-- in base units; accepted is the difference an operator accepted when clearing a breach (0 until then): a check passes
-- while difference = accepted.
CREATE TABLE reconciliation_checks (
    check_key      text        PRIMARY KEY,
    kind           text        NOT NULL,
    ok             boolean     NOT NULL,
    difference     numeric     NOT NULL,
    accepted       numeric     NOT NULL DEFAULT 0,
    numbers        jsonb       NOT NULL,
    note           text,
    checked_at     timestamptz NOT NULL DEFAULT now()
);
