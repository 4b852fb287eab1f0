namespace StratosBridge.Chains.Solana.Pay;

/// <summary>
/// What <see cref="SolanaTransferValidator.FindTransfersAsync"/> found for a reference: each transaction listed (and
/// not skipped) with its validation, oldest first, and the newest signature listed — the <c>until</c> of the next look.
/// </summary>
/// <param name="Newest">The newest signature carrying the reference; the <c>until</c> given when nothing newer was listed.</param>
public sealed record SolanaReferenceTransfers(
    SolanaPublicKey Reference,
    IReadOnlyList<SolanaTransferValidation> Transfers,
    SolanaSignature? Newest)
{
    /// <summary>The valid transfers (the payments), oldest first.</summary>
    public IEnumerable<SolanaTransferValidation> Valid => Transfers.Where(t => t.IsValid);
}
