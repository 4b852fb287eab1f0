using System.Numerics;
using StratosBridge.Core.Ozone;

namespace StratosBridge.Pricing.Ozone;

/// <summary>
/// The Ozone market at one block as Stratos REST reported it: the remaining limit Lt (exact, from <c>noz_supply</c>),
/// the <c>noz_price</c>, and the range of St + Pt consistent with both that price and the <c>sim_prepay</c> answer for
/// the probe amount (the REST API does not expose St + Pt itself).
/// </summary>
public sealed record OzoneSnapshot(
    BigInteger RemainingNoz,
    BigInteger TotalNoz,
    ChainDecimal NozPrice,
    BigInteger DepositAndPrepayLow,
    BigInteger DepositAndPrepayHigh,
    BigInteger ProbeWei,
    BigInteger ProbeNoz,
    long? Height,
    DateTimeOffset FetchedAt)
{
    /// <summary>
    /// The STOS (wei) to prepay for <paramref name="wantedNoz"/>: the least X for which the chain's formula gives at least
    /// that many noz for every St + Pt in the range — so the prepay buys them at this block whichever value is the true
    /// one. Null when no amount buys that much.
    /// </summary>
    public BigInteger? WeiFor(BigInteger wantedNoz) => OzonePurchase.WeiFor(RemainingNoz, DepositAndPrepayHigh, wantedNoz);
}
