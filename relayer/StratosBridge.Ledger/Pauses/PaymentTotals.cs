using System.Numerics;

namespace StratosBridge.Ledger.Pauses;

/// <summary>One pay chain's final payments (base units): all, credited (a credit exists), unmatched, awaiting the matcher.</summary>
public sealed record PaymentTotals(string Chain, BigInteger Final, BigInteger Credited, BigInteger Unmatched, BigInteger Awaiting, long Count)
{
    /// <summary>Final − (credited + unmatched + awaiting): a matched payment whose credit is gone, for one.</summary>
    public BigInteger Difference => Final - Credited - Unmatched - Awaiting;
}
