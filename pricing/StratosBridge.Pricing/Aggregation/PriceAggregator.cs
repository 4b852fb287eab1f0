using System.Globalization;

namespace StratosBridge.Pricing.Aggregation;

/// <summary>
/// The aggregation rule, pure:
/// <list type="number">
/// <item>Only fresh values count (stale or missing ones are listed, never used).</item>
/// <item>Fewer fresh values than <see cref="AggregationRules.MinSources"/> → <see cref="PriceStatus.Unavailable"/>.</item>
/// <item>m = the median of the fresh values; a value further than MaxDeviationPercent % of m from m is outvoted.</item>
/// <item>Unless the agreeing values number at least MinSources and are a strict majority of the fresh ones →
/// <see cref="PriceStatus.SourcesDisagree"/>.</item>
/// <item>Otherwise the price is the median of the agreeing values (the mean of the middle two for an even count).</item>
/// </list>
/// So one lying source among three honest ones is outvoted, while two sources that differ by more than the band, or
/// a split vote, refuse to price.
/// </summary>
public static class PriceAggregator
{
    public static AggregatedPrice Aggregate(string asset, IReadOnlyList<SourceQuote> quotes, AggregationRules rules)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(rules);
        var fresh = quotes.Where(q => q is { Fresh: true, Value: > 0 }).ToList();
        SourceVerdict Idle(SourceQuote q) => q.Value is null ? SourceVerdict.Missing : SourceVerdict.Stale;

        if (fresh.Count < rules.MinSources)
        {
            return new AggregatedPrice(asset, PriceStatus.Unavailable, null, fresh.Count > 0 ? Median(fresh.Select(q => q.Value!.Value)) : null,
                quotes.Select(q => new SourceVote(q, q is { Fresh: true, Value: > 0 } ? SourceVerdict.Used : Idle(q))).ToList(), rules,
                $"{fresh.Count} fresh source(s) of {quotes.Count}, at least {rules.MinSources} needed");
        }

        var median = Median(fresh.Select(q => q.Value!.Value));
        var band = median * rules.MaxDeviationPercent / 100m;
        bool Agrees(SourceQuote q) => Math.Abs(q.Value!.Value - median) <= band;
        var agreeing = fresh.Where(Agrees).ToList();
        var votes = quotes.Select(q => new SourceVote(q,
            !fresh.Contains(q) ? Idle(q) : Agrees(q) ? SourceVerdict.Used : SourceVerdict.Outvoted)).ToList();

        if (agreeing.Count < rules.MinSources || agreeing.Count * 2 <= fresh.Count)
        {
            return new AggregatedPrice(asset, PriceStatus.SourcesDisagree, null, median, votes, rules,
                $"{agreeing.Count} of {fresh.Count} fresh sources within {Text(rules.MaxDeviationPercent)} % of the median {Text(median)}; " +
                $"at least {rules.MinSources} and a majority needed");
        }
        var price = Median(agreeing.Select(q => q.Value!.Value));
        var outvoted = fresh.Count - agreeing.Count;
        return new AggregatedPrice(asset, PriceStatus.Ok, price, median, votes, rules,
            $"median of {agreeing.Count} agreeing fresh sources" + (outvoted > 0 ? $"; {outvoted} outvoted" : ""));
    }

    /// <summary>The median; for an even count, the mean of the middle two.</summary>
    public static decimal Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("the median of no values", nameof(values));
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
