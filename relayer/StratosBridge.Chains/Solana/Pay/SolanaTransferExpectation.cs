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

    /// <summary>The expectation of a native SOL transfer request (its amount is required; no references → none checked).</summary>
    public static SolanaTransferExpectation From(SolanaPayTransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.SplToken is not null)
        {
            throw new ArgumentException("only native SOL transfer requests are validated (this one has an spl-token)", nameof(request));
        }
        if (request.Lamports is not { } lamports)
        {
            throw new ArgumentException("the transfer request has no amount to validate against", nameof(request));
        }
        return new SolanaTransferExpectation(request.Recipient, lamports)
        {
            References = request.References.Count > 0 ? request.References : null,
            Memo = request.Memo,
        };
    }
}
