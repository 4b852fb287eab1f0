-- Free Ozone grants (issue 22): programs that give a wallet Ozone once, within a budget in STOS, through the credit
-- worker (a grant's credit is a credits row like a payment's, with grant_claim_id instead of payment_id and quote_id).

-- A program: a window, the Ozone per claim, a total and a daily budget in STOS wei, who may claim (anyone, or the
-- allow-list), and when to raise an ALARM (alarm_percent of the day's budget reserved).
CREATE TABLE grant_programs (
    id                   text          PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name                 text          NOT NULL,
    starts_at            timestamptz   NOT NULL,
    ends_at              timestamptz   NOT NULL,
    noz_per_claim        numeric(78,0) NOT NULL CHECK (noz_per_claim > 0),
    budget_wei           numeric(78,0) NOT NULL CHECK (budget_wei > 0),
    daily_budget_wei     numeric(78,0) NOT NULL CHECK (daily_budget_wei > 0),
    -- What the program's claims hold, reserved when each claim is accepted (in the same transaction, under this row's lock).
    reserved_wei         numeric(78,0) NOT NULL DEFAULT 0 CHECK (reserved_wei >= 0),
    allow_list_only      boolean       NOT NULL DEFAULT false,
    alarm_percent        integer       NOT NULL DEFAULT 80 CHECK (alarm_percent BETWEEN 1 AND 100),
    -- The UTC day whose ALARM was raised already (one per program per day).
    alarmed_day          date,
    status               text          NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    created_at           timestamptz   NOT NULL DEFAULT now(),
    updated_at           timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT grant_programs_window CHECK (ends_at > starts_at),
    CONSTRAINT grant_programs_within_budget CHECK (reserved_wei <= budget_wei)
);

-- What each UTC day's claims reserved, per program (the daily budget), written under the program's row lock.
CREATE TABLE grant_days (
    program_id    text          NOT NULL REFERENCES grant_programs (id),
    day           date          NOT NULL,
    reserved_wei  numeric(78,0) NOT NULL CHECK (reserved_wei >= 0),
    claims        integer       NOT NULL DEFAULT 0,
    PRIMARY KEY (program_id, day)
);

CREATE TABLE grant_allowed_wallets (
    program_id  text        NOT NULL REFERENCES grant_programs (id),
    wallet      text        NOT NULL CHECK (wallet ~ '^0x[0-9a-f]{40}$'),
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (program_id, wallet)
);

-- Wallets refused by every program (abuse), with why.
CREATE TABLE grant_denied_wallets (
    wallet      text        PRIMARY KEY CHECK (wallet ~ '^0x[0-9a-f]{40}$'),
    reason      text        NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now()
);

-- Campaign codes: extra Ozone on a claim, limited uses in total (counted under the code's row lock), one per wallet (a
-- claim names at most one code, and a wallet claims a program once), until expires_at.
CREATE TABLE grant_codes (
    program_id  text          NOT NULL REFERENCES grant_programs (id),
    code        text          NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{3,64}$'),
    extra_noz   numeric(78,0) NOT NULL CHECK (extra_noz > 0),
    max_uses    integer       NOT NULL CHECK (max_uses > 0),
    uses        integer       NOT NULL DEFAULT 0,
    expires_at  timestamptz   NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (program_id, code),
    CONSTRAINT grant_codes_within_uses CHECK (uses <= max_uses)
);

-- One-time challenges a wallet signs (EIP-191 personal_sign) to prove it claims for itself: used once, before expires_at.
CREATE TABLE grant_challenges (
    id          uuid        PRIMARY KEY,
    program_id  text        NOT NULL REFERENCES grant_programs (id),
    wallet      text        NOT NULL CHECK (wallet ~ '^0x[0-9a-f]{40}$'),
    message     text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grant_challenges_expiry ON grant_challenges (expires_at);

-- An accepted claim: once per (program, wallet); what it reserved; its credit (same transaction).
CREATE TABLE grant_claims (
    id          bigserial     PRIMARY KEY,
    program_id  text          NOT NULL REFERENCES grant_programs (id),
    wallet      text          NOT NULL CHECK (wallet ~ '^0x[0-9a-f]{40}$'),
    code        text,
    noz         numeric(78,0) NOT NULL CHECK (noz > 0),
    stos_wei    numeric(78,0) NOT NULL CHECK (stos_wei > 0),
    client_ip   text,
    claimed_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT grant_claims_once_per_wallet UNIQUE (program_id, wallet)
);
CREATE INDEX grant_claims_by_program ON grant_claims (program_id, claimed_at);

-- Refused claims, for operators' "top refusal reasons" (rate limits keep this bounded).
CREATE TABLE grant_refusals (
    id          bigserial   PRIMARY KEY,
    program_id  text        NOT NULL,
    wallet      text,
    reason      text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grant_refusals_by_program ON grant_refusals (program_id, at);

-- Every operator change to a program, its lists and codes: who, when, what.
CREATE TABLE grant_audit (
    id          bigserial   PRIMARY KEY,
    program_id  text        NOT NULL,
    operator    text        NOT NULL,
    action      text        NOT NULL,
    details     jsonb       NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grant_audit_by_program ON grant_audit (program_id, id);

-- A credit is earned by a payment (payment_id, quote_id) or by a grant claim (grant_claim_id), never both.
ALTER TABLE credits ALTER COLUMN payment_id DROP NOT NULL;
ALTER TABLE credits ALTER COLUMN quote_id DROP NOT NULL;
ALTER TABLE credits ADD COLUMN grant_claim_id bigint REFERENCES grant_claims (id);
ALTER TABLE credits ADD CONSTRAINT credits_one_per_grant_claim UNIQUE (grant_claim_id);
ALTER TABLE credits ADD CONSTRAINT credits_earned_once CHECK (
    (payment_id IS NOT NULL AND quote_id IS NOT NULL AND grant_claim_id IS NULL)
    OR (payment_id IS NULL AND quote_id IS NULL AND grant_claim_id IS NOT NULL));
