-- Grants (issue 22), finished: a claim whose credit fails for good gives its reservation back, and a program may belong to
-- an account, which gets its claims' credit.completed and credit.failed webhooks.

-- When a grant's credit fails for good nothing was bought: the claim releases what it reserved (the program's total, its
-- day's, its campaign code's use) in the transaction that fails the credit, and released_at says when. Such a claim is
-- over (its credit stays failed) and the wallet may claim again: one claim per wallet and program is in flight or done.
ALTER TABLE grant_claims ADD COLUMN released_at timestamptz;
ALTER TABLE grant_claims DROP CONSTRAINT grant_claims_once_per_wallet;
CREATE UNIQUE INDEX grant_claims_once_per_wallet ON grant_claims (program_id, wallet) WHERE released_at IS NULL;
CREATE INDEX grant_claims_by_wallet ON grant_claims (program_id, wallet, id);

-- Gives back what the claims of failed_credits (credits that have just failed for good) reserved: the program's total, the
-- claim's day, its campaign code's use; once per claim (released_at), and nothing for credits of payments. The ledger calls
-- it in the transaction that fails the credits (GrantStore.ReleaseAsync). The programs' row locks come first, as a claim
-- takes its program's first, so a release and a claim never wait for each other in a circle. Returns the claims released.
CREATE FUNCTION grant_release_reservations(failed_credits bigint[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    released_claims integer;
BEGIN
    PERFORM 1 FROM grant_programs p
      WHERE p.id IN (SELECT g.program_id FROM credits c JOIN grant_claims g ON g.id = c.grant_claim_id WHERE c.id = ANY(failed_credits))
      ORDER BY p.id FOR UPDATE;
    WITH released AS (
        UPDATE grant_claims g SET released_at = now()
          FROM credits c
         WHERE c.id = ANY(failed_credits) AND c.grant_claim_id = g.id AND g.released_at IS NULL
        RETURNING g.program_id, g.code, g.stos_wei, (g.claimed_at AT TIME ZONE 'UTC')::date AS day
    ), total AS (
        UPDATE grant_programs p SET reserved_wei = p.reserved_wei - r.wei, updated_at = now()
          FROM (SELECT program_id, sum(stos_wei) AS wei FROM released GROUP BY program_id) r
         WHERE p.id = r.program_id
    ), days AS (
        UPDATE grant_days d SET reserved_wei = d.reserved_wei - r.wei
          FROM (SELECT program_id, day, sum(stos_wei) AS wei FROM released GROUP BY program_id, day) r
         WHERE d.program_id = r.program_id AND d.day = r.day
    ), codes AS (
        UPDATE grant_codes k SET uses = k.uses - r.uses
          FROM (SELECT program_id, code, count(*)::int AS uses FROM released WHERE code IS NOT NULL GROUP BY program_id, code) r
         WHERE k.program_id = r.program_id AND k.code = r.code
    )
    SELECT count(*) INTO released_claims FROM released;
    RETURN released_claims;
END $$;

-- Grant credits that failed before this script held their reservations: they give them back now, as they would have.
SELECT grant_release_reservations(array(SELECT id FROM credits WHERE grant_claim_id IS NOT NULL AND status = 'failed'));

-- The account a program belongs to (a dApp's, say): its claims' credit events go to the account's webhooks. NULL: the
-- program is the operators' own and fires no webhooks.
ALTER TABLE grant_programs ADD COLUMN account_id bigint REFERENCES business_accounts (id);
