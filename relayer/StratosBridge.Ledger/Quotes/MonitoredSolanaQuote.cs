namespace StratosBridge.Ledger.Quotes;

/// <summary>A SOL quote whose payments are still watched: its id, its Solana Pay reference (base58) and its window.</summary>
public sealed record MonitoredSolanaQuote(string Id, string Reference, DateTimeOffset CreatedAt, DateTimeOffset MonitorUntil);
