-- dApp accounts (issue 21): an account is a business (buys Ozone by card for its wallet) or a dApp (its users pay quotes in
-- ETH, BNB or SOL; it creates those quotes with its API key and gets their webhooks). Same admin flow, keys and webhooks.
-- A business's wallet stays required (its card checkouts credit it); a dApp's is optional (its quotes name each user's
-- beneficiary). The kind is set when the account is made and never changes.
ALTER TABLE business_accounts ADD COLUMN kind text NOT NULL DEFAULT 'business' CHECK (kind IN ('business', 'dapp'));
ALTER TABLE business_accounts ALTER COLUMN wallet DROP NOT NULL;
ALTER TABLE business_accounts ADD CONSTRAINT business_accounts_business_has_wallet CHECK (kind = 'dapp' OR wallet IS NOT NULL);
CREATE INDEX business_accounts_by_kind ON business_accounts (kind, id);

-- An account may delete a webhook endpoint (issue 20's /business panel). The row stays, as 'deleted', so its deliveries and
-- attempts keep their history; it is no longer listed, signs nothing, and its pending deliveries fail with the reason.
ALTER TABLE webhook_endpoints DROP CONSTRAINT webhook_endpoints_status_check;
ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_status_check CHECK (status IN ('enabled', 'disabled', 'deleted'));
