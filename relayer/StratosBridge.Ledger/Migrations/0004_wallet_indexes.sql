-- GET /v1/wallets/{address}/transfers pages a wallet's transfers newest first (by id) as recipient and as sender:
-- (address, id) indexes serve each page without sorting all of a busy wallet's rows. They replace the one-column ones.
CREATE INDEX transfers_recipient_id ON transfers (recipient, id);
CREATE INDEX transfers_sender_id ON transfers (sender, id);
DROP INDEX transfers_recipient;
DROP INDEX transfers_sender;
