namespace StratosBridge.Ledger.Transfers;

/// <summary>The destination transaction a transfer points at (<c>transfers.outgoing_tx_id</c> → <c>outgoing_txs</c>).</summary>
public sealed record TransferDestinationTx(string Chain, string TxHash, string Status, long? BlockNumber);
