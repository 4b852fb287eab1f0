using System.Numerics;

namespace StratosBridge.Ledger.Grants;

/// <summary>
/// An accepted claim with its credit (state, prepay, the Ozone bought once it is read from the chain), and when it gave its
/// reservation back (<see cref="ReleasedAt"/>: its credit failed for good).
/// </summary>
public sealed record GrantClaimRow(
    long Id,
    string ProgramId,
    string Wallet,
    string? Code,
    BigInteger Noz,
    BigInteger StosWei,
    DateTimeOffset ClaimedAt,
    long CreditId,
    string CreditStatus,
    string? TxHash,
    long? BlockNumber,
    BigInteger? PurchasedNoz,
    string? LastError,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ReleasedAt);
