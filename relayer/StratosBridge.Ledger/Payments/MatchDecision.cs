using System.Numerics;

namespace StratosBridge.Ledger.Payments;

/// <summary>
/// What the matcher decided for a final payment: an <see cref="Outcome"/> with its explanation, and the credit to make
/// (null: unmatched, nothing is credited automatically). <see cref="Wait"/> leaves the payment final and looks again later
/// (e.g. a late payment while no price is available).
/// </summary>
public sealed record MatchDecision(string Outcome, string Note, NewCredit? Credit, TimeSpan? Wait = null)
{
    public static MatchDecision Later(string note, TimeSpan wait) => new("waiting", note, null, wait);
}

/// <summary>A credit to create: the STOS (wei) to prepay, the Ozone the quote promised for it if any, and how it was computed.</summary>
public sealed record NewCredit(BigInteger StosWei, BigInteger? QuotedNoz, string RuleJson);
