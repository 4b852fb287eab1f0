using System.Numerics;

namespace StratosBridge.Chains.Solana.Pay;

/// <summary>
/// The outcome of validating a transaction as a Solana Pay transfer: valid, or invalid with a reason. Expected outcomes
/// are values, never exceptions; only RPC failures throw (<see cref="Rpc.SolanaRpcException"/>).
/// </summary>
public sealed record SolanaTransferValidation
{
    /// <summary>The transaction validated; null when a reference lookup found none.</summary>
    public SolanaSignature? Signature { get; init; }

    /// <summary>Null when valid.</summary>
    public SolanaTransferInvalidReason? Reason { get; init; }

    /// <summary>What exactly was wrong, for logs and operators.</summary>
    public string? Detail { get; init; }

    /// <summary>The transaction as read (json encoding), when there was one.</summary>
    public Rpc.SolanaTransaction? Transaction { get; init; }

    /// <summary>The recipient's balance change in lamports (post − pre), when it was read.</summary>
    public BigInteger? ReceivedLamports { get; init; }

    public bool IsValid => Reason is null;

    /// <summary>The stable code of <see cref="Reason"/>: "transaction-failed", "reference-missing", …; null when valid.</summary>
    public string? Code => Reason switch
    {
        null => null,
        SolanaTransferInvalidReason.NotFound => "not-found",
        SolanaTransferInvalidReason.MetaMissing => "meta-missing",
        SolanaTransferInvalidReason.TransactionFailed => "transaction-failed",
        SolanaTransferInvalidReason.NotATransfer => "not-a-transfer",
        SolanaTransferInvalidReason.RecipientMismatch => "recipient-mismatch",
        SolanaTransferInvalidReason.ReferenceMissing => "reference-missing",
        SolanaTransferInvalidReason.BalanceMissing => "balance-missing",
        SolanaTransferInvalidReason.AmountTooLow => "amount-too-low",
        SolanaTransferInvalidReason.MemoMismatch => "memo-mismatch",
        SolanaTransferInvalidReason.UnsupportedTransaction => "unsupported-transaction",
        _ => throw new InvalidOperationException($"no code for {Reason}"),
    };
}
