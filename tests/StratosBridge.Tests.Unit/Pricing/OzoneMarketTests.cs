using System.Numerics;
using StratosBridge.Chains.Rest;
using StratosBridge.Core.Ozone;
using StratosBridge.Pricing.Feeds;
using StratosBridge.Pricing.Ozone;
using StratosBridge.TestKit.Stratos;

namespace StratosBridge.Tests.Unit.Pricing;

/// <summary>Deriving the Ozone state from the chain's three REST answers (computed by the literal LegacyDec port).</summary>
public class OzoneMarketTests
{
    private static readonly BigInteger Probe = BigInteger.Pow(10, 21);

    private static (ChainDecimal Price, BigInteger ProbeNoz) Answers(BigInteger lt, BigInteger st, BigInteger pt) =>
        (new ChainDecimal(LegacyDecReference.NozPrice(st, pt, lt)), LegacyDecReference.PurchaseNoz(lt, st, pt, Probe));

    [Fact]
    public void The_derived_state_holds_the_true_one_and_its_quotes_buy_what_they_promise()
    {
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var lt = BigInteger.Pow(10, random.Next(10, 23)) * random.Next(1, 1000);
            var st = BigInteger.Pow(10, random.Next(18, 28)) * random.Next(1, 1000);
            var pt = BigInteger.Pow(10, random.Next(0, 27)) * random.Next(0, 1000);
            var (price, probeNoz) = Answers(lt, st, pt);

            var snapshot = OzoneMarket.Derive(lt, 0, price, Probe, probeNoz, 42, DateTimeOffset.UnixEpoch);

            Assert.InRange(st + pt, snapshot.DepositAndPrepayLow, snapshot.DepositAndPrepayHigh);
            var wanted = BigInteger.Remainder(new BigInteger(random.NextInt64(1, long.MaxValue)), lt - 1) + 1;
            var wei = snapshot.WeiFor(wanted)!.Value;
            Assert.True(LegacyDecReference.PurchaseNoz(lt, st, pt, wei) >= wanted,
                $"the quote's {wei} wei buys less than {wanted} noz on the chain (Lt={lt}, St={st}, Pt={pt})");
        }
    }

    [Fact]
    public void Answers_no_chain_state_can_give_are_refused()
    {
        var lt = BigInteger.Pow(10, 20);
        var (price, probeNoz) = Answers(lt, BigInteger.Pow(10, 26), 0);

        var e = Assert.Throws<PriceFeedException>(() => OzoneMarket.Derive(lt, 0, price, Probe, probeNoz + 1000, null, DateTimeOffset.UnixEpoch));
        Assert.Equal(RestErrorKind.Refused, e.Kind);
        Assert.Contains("sim_prepay", e.Message);
        Assert.Throws<PriceFeedException>(() => OzoneMarket.Derive(0, 0, price, Probe, probeNoz, null, DateTimeOffset.UnixEpoch));
    }
}
