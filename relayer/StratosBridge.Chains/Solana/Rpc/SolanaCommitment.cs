namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// How settled the state a request reads is (Solana's commitment levels). The relayer acts on <see cref="Finalized"/>
/// only; getTransaction and getSignaturesForAddress do not accept <see cref="Processed"/>.
/// </summary>
public enum SolanaCommitment
{
    /// <summary>The node's newest slot; may still be skipped.</summary>
    Processed,

    /// <summary>Voted on by a supermajority (optimistic confirmation).</summary>
    Confirmed,

    /// <summary>Rooted: a supermajority has built 31+ slots on it; never rolled back.</summary>
    Finalized,
}
