namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>One account of a transaction, in the message's order (balances in the meta are indexed by this order).</summary>
public sealed record SolanaAccountKey(SolanaPublicKey PublicKey, bool Signer, bool Writable, SolanaAccountKeySource Source);
