namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>Where a transaction's account key comes from.</summary>
public enum SolanaAccountKeySource
{
    /// <summary>The message's own (static) account keys.</summary>
    Transaction,

    /// <summary>Loaded from an address lookup table (versioned transactions).</summary>
    LookupTable,
}
