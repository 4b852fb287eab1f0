using System.Numerics;

namespace StratosBridge.TestKit.Stratos;

/// <summary>
/// The chain state Stratos' Ozone queries read (x/register <c>GetPrepayParams</c>): the remaining Ozone limit Lt
/// (<paramref name="RemainingNoz"/>), the effective total deposit St (<paramref name="TotalDeposit"/>, wei), the total
/// unissued prepay Pt (<paramref name="UnissuedPrepay"/>, wei: the balance of the <c>total_unissued_prepay</c> module
/// account), the deposit-noz rate (for <c>noz_supply.total</c>), and the block <paramref name="Height"/> it is read at.
/// </summary>
public sealed record OzoneState(BigInteger RemainingNoz, BigInteger TotalDeposit, BigInteger UnissuedPrepay, decimal DepositNozRate, long Height)
{
    /// <summary>The fakes' default: Lt = 10^20 noz, St = 9·10^25 wei, Pt = 10^25 wei (10^6 wei per noz), rate 10^6, height 1000.</summary>
    public static OzoneState Default { get; } = new(BigInteger.Pow(10, 20), 9 * BigInteger.Pow(10, 25), BigInteger.Pow(10, 25), 1_000_000m, 1000);

    /// <summary>The noz that prepaying <paramref name="wei"/> buys now (x/register <c>CalculatePurchaseAmount</c>, by <see cref="LegacyDecReference"/>).</summary>
    public BigInteger PurchaseNoz(BigInteger wei) => LegacyDecReference.PurchaseNoz(RemainingNoz, TotalDeposit, UnissuedPrepay, wei);
}
