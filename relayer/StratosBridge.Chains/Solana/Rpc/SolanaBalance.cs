namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>The answer of getBalance: the lamports, and the slot the node read them at.</summary>
public sealed record SolanaBalance(ulong ContextSlot, ulong Lamports);
