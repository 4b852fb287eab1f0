using System.Numerics;

namespace StratosBridge.Bench;

/// <summary>
/// What the ledger holds for one quote of <c>ops/bench payments</c>: how many payments name it, how many of them were
/// matched as <c>paid</c>, how many credits they have and how many of those completed, and the completed credit's
/// beneficiary, prepay transaction and purchased noz (null until read from Stratos).
/// </summary>
public sealed record CreditRecord(string QuoteId, int Payments, int PaidPayments, int Credits, int CompletedCredits, string? Beneficiary,
    string? PrepayTxHash, BigInteger? PurchasedNoz);
