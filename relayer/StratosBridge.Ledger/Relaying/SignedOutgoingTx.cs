namespace StratosBridge.Ledger.Relaying;

/// <summary>The bytes and hash of a transaction signed for a given nonce.</summary>
public sealed record SignedOutgoingTx(byte[] Raw, string Hash);
