namespace StratosBridge.Chains.Solana.Pay;

/// <summary>
/// What a native SOL payment must be to count (the fields @solana/pay's validateTransfer checks): at least
/// <see cref="Lamports"/> to <see cref="Recipient"/>; when <see cref="References"/> is not null, exactly those keys, in
/// order, as the transfer instruction's extra accounts; when <see cref="Memo"/> is not null, that memo instruction
/// right before the transfer.
/// </summary>
public sealed record SolanaTransferExpectation(SolanaPublicKey Recipient, ulong Lamports)
{
    /// <summary>Null: not checked. Empty: the transfer must have no extra accounts.</summary>
    public IReadOnlyList<SolanaPublicKey>? References { get; init; }

    public string? Memo { get; init; }
}
