using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StratosBridge.Core.Ozone;
using StratosBridge.Chains.Rest;
using StratosBridge.Chains.Stratos.Rest;
using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Ozone;

/// <summary>
/// Keeps the latest consistent <see cref="OzoneSnapshot"/>. A refresh asks <c>noz_supply</c>, then <c>noz_price</c> and
/// <c>sim_prepay(probe)</c> at the same block height; derives the St + Pt range the price allows; and cross-checks the
/// chain's own <c>sim_prepay</c> answer against <see cref="OzonePurchase.Noz"/> over that range, narrowing it to the
/// values that reproduce the answer. A snapshot that fails the check is refused (the formula or the inputs would be
/// wrong) and the last good one stays until it is stale.
/// </summary>
public sealed class OzoneMarket(
    IHttpClientFactory httpClients,
    IOptions<PricingOptions> options,
    TimeProvider time,
    ILogger<OzoneMarket> logger)
{
    private volatile OzoneSnapshot? _current;
    private volatile string? _lastError;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Stratos.RestUrl);

    public OzoneSnapshot? Current => _current;

    public string? LastError => _lastError;

    /// <summary>The current snapshot when it is younger than <c>Pricing:Stratos:StaleAfter</c>.</summary>
    public OzoneSnapshot? Fresh()
    {
        var snapshot = _current;
        return snapshot is not null && time.GetUtcNow() - snapshot.FetchedAt <= options.Value.Stratos.StaleAfter ? snapshot : null;
    }

    public TimeSpan? Age => _current is { } s ? time.GetUtcNow() - s.FetchedAt : null;

    public void RecordFailure(string error) => _lastError = error;

    public async Task<OzoneSnapshot> RefreshAsync(CancellationToken ct)
    {
        var client = new StratosRestClient(httpClients.CreateClient(StratosRestClient.HttpClientName));
        var probe = options.Value.Stratos.Probe;
        var (remaining, total, height) = await client.NozSupplyAsync(null, ct);
        var price = await client.NozPriceAsync(height, ct);
        var probeNoz = await client.SimPrepayAsync(probe, height, ct);
        var snapshot = Derive(remaining, total, price, probe, probeNoz, height, time.GetUtcNow());
        _current = snapshot;
        _lastError = null;
        logger.LogDebug("Ozone price at height {Height}: {NozPrice} wei/noz, {Remaining} noz remaining", height, price, remaining);
        return snapshot;
    }

    /// <summary>Builds a snapshot from the three answers, or throws <see cref="PriceFeedException"/> (Refused) when they disagree.</summary>
    public static OzoneSnapshot Derive(BigInteger remaining, BigInteger total, ChainDecimal price, BigInteger probeWei, BigInteger probeNoz,
        long? height, DateTimeOffset at)
    {
        if (remaining.IsZero)
        {
            throw new PriceFeedException(StratosRestClient.Source, RestErrorKind.Refused, "the remaining Ozone limit is 0: nothing can be bought");
        }
        if (OzonePurchase.DepositAndPrepayFor(price, remaining) is not var (low, high))
        {
            throw new PriceFeedException(StratosRestClient.Source, RestErrorKind.Refused,
                $"no St + Pt gives noz_price {price} with {remaining} noz remaining");
        }
        // Noz(probe) falls as St + Pt grows: keep the values that reproduce the chain's sim_prepay answer.
        var narrowLow = OzonePurchase.LeastAtLeast(low, high, s => OzonePurchase.Noz(remaining, s, probeWei) <= probeNoz);
        var beyond = OzonePurchase.LeastAtLeast(low, high + 1, s => s > high || OzonePurchase.Noz(remaining, s, probeWei) < probeNoz);
        if (narrowLow is not { } lo || beyond is not { } end || end - 1 < lo || OzonePurchase.Noz(remaining, lo, probeWei) != probeNoz)
        {
            throw new PriceFeedException(StratosRestClient.Source, RestErrorKind.Refused,
                $"sim_prepay({probeWei}wei) = {probeNoz} noz matches no St + Pt in [{low}, {high}] under the purchase formula");
        }
        return new OzoneSnapshot(remaining, total, price, lo, end - 1, probeWei, probeNoz, height, at);
    }
}
