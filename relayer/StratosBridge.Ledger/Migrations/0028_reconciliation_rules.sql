-- Reconciliation of credits, the relayer's float and cards (issue 19).

-- How a check passes (ReconciliationRule): exact (the difference is the accepted one; any change is a new breach: routes,
-- payments, the Ozone credits bought, cards) or shortfall (the difference is a shortfall and passes while it is at most the
-- accepted one; back at 0, the acceptance lapses: the relayer's float on Stratos against the open credits).
ALTER TABLE reconciliation_checks ADD COLUMN rule text NOT NULL DEFAULT 'exact' CHECK (rule IN ('exact', 'shortfall'));
