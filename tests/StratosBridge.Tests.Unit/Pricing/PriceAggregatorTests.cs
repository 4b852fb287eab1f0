using StratosBridge.Pricing.Aggregation;

namespace StratosBridge.Tests.Unit.Pricing;

/// <summary>The aggregation rules as properties over generated cases (seeded), plus the worked examples.</summary>
public class PriceAggregatorTests
{
    private const int Cases = 3000;

    private static SourceQuote Fresh(string name, decimal value) => new(name, name, value, TimeSpan.FromSeconds(1), true, null);

    private static SourceQuote Stale(string name, decimal value) => new(name, name, value, TimeSpan.FromMinutes(10), false, null);

    private static SourceQuote Missing(string name) => new(name, name, null, null, false, "HttpStatus: 503");

    /// <summary>A random market: a centre price, some honest fresh values near it, some liars, some stale or missing sources.</summary>
    private static (List<SourceQuote> Quotes, AggregationRules Rules, decimal Centre) Case(Random random)
    {
        var rules = new AggregationRules(random.Next(1, 4), new[] { 0.5m, 1m, 2m, 5m }[random.Next(4)]);
        var centre = Math.Round((decimal)(random.NextDouble() * 10_000 + 0.0001), 6);
        var quotes = new List<SourceQuote>();
        var count = random.Next(0, 9);
        for (var i = 0; i < count; i++)
        {
            var name = $"s{i}";
            quotes.Add(random.Next(10) switch
            {
                0 => Stale(name, centre * (decimal)(random.NextDouble() * 3)),
                1 => Missing(name),
                2 or 3 => Fresh(name, Math.Round(centre * (decimal)(0.5 + random.NextDouble()), 8) + 0.00000001m), // anywhere
                _ => Fresh(name, Math.Round(centre * (1 + rules.MaxDeviationPercent / 100m * (decimal)(random.NextDouble() - 0.5) / 2), 8) + 0.00000001m),
            });
        }
        return (quotes, rules, centre);
    }

    [Fact]
    public void Only_fresh_values_count()
    {
        var random = new Random(1);
        for (var i = 0; i < Cases; i++)
        {
            var (quotes, rules, _) = Case(random);
            var all = PriceAggregator.Aggregate("X", quotes, rules);
            var freshOnly = PriceAggregator.Aggregate("X", quotes.Where(q => q.Fresh).ToList(), rules);

            Assert.Equal(freshOnly.Status, all.Status);
            Assert.Equal(freshOnly.Value, all.Value);
            Assert.All(all.Sources.Where(v => !v.Quote.Fresh), v => Assert.Contains(v.Verdict, new[] { SourceVerdict.Stale, SourceVerdict.Missing }));
        }
    }

    [Fact]
    public void Fewer_fresh_sources_than_the_minimum_is_unavailable_and_otherwise_never()
    {
        var random = new Random(2);
        for (var i = 0; i < Cases; i++)
        {
            var (quotes, rules, _) = Case(random);
            var result = PriceAggregator.Aggregate("X", quotes, rules);
            var fresh = quotes.Count(q => q.Fresh);

            Assert.Equal(fresh < rules.MinSources, result.Status == PriceStatus.Unavailable);
            if (result.Status != PriceStatus.Ok)
            {
                Assert.Null(result.Value);
            }
        }
    }

    [Fact]
    public void A_price_is_the_median_of_a_majority_of_fresh_sources_within_the_band()
    {
        var random = new Random(3);
        var priced = 0;
        for (var i = 0; i < Cases; i++)
        {
            var (quotes, rules, _) = Case(random);
            var result = PriceAggregator.Aggregate("X", quotes, rules);
            if (result.Status != PriceStatus.Ok)
            {
                continue;
            }
            priced++;
            var fresh = quotes.Where(q => q.Fresh).ToList();
            var used = result.Sources.Where(v => v.Verdict == SourceVerdict.Used).Select(v => v.Quote.Value!.Value).ToList();
            var median = result.FreshMedian!.Value;
            var band = median * rules.MaxDeviationPercent / 100m;

            Assert.Equal(PriceAggregator.Median(fresh.Select(q => q.Value!.Value)), median);
            Assert.True(used.Count >= rules.MinSources && used.Count * 2 > fresh.Count);
            Assert.All(used, v => Assert.True(Math.Abs(v - median) <= band));
            Assert.All(result.Sources.Where(v => v.Verdict == SourceVerdict.Outvoted), v => Assert.True(Math.Abs(v.Quote.Value!.Value - median) > band));
            Assert.Equal(PriceAggregator.Median(used), result.Value);
            Assert.InRange(result.Value!.Value, used.Min(), used.Max());
        }
        Assert.True(priced > Cases / 4, $"only {priced} of {Cases} cases priced: the generator is off");
    }

    [Fact]
    public void Order_of_the_sources_does_not_matter()
    {
        var random = new Random(4);
        for (var i = 0; i < Cases; i++)
        {
            var (quotes, rules, _) = Case(random);
            var shuffled = quotes.OrderBy(_ => random.Next()).ToList();

            var a = PriceAggregator.Aggregate("X", quotes, rules);
            var b = PriceAggregator.Aggregate("X", shuffled, rules);
            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.Value, b.Value);
        }
    }

    [Fact]
    public void Sources_that_all_agree_are_all_used()
    {
        var random = new Random(5);
        for (var i = 0; i < Cases; i++)
        {
            var rules = new AggregationRules(random.Next(1, 4), 2m);
            var centre = 1 + (decimal)random.NextDouble() * 5000;
            // all within ±0.5 % of the centre: every one is within 2 % of the median
            var quotes = Enumerable.Range(0, random.Next(rules.MinSources, 9))
                .Select(k => Fresh($"s{k}", centre * (1 + (decimal)(random.NextDouble() - 0.5) / 100m))).ToList();

            var result = PriceAggregator.Aggregate("X", quotes, rules);

            Assert.Equal(PriceStatus.Ok, result.Status);
            Assert.All(result.Sources, v => Assert.Equal(SourceVerdict.Used, v.Verdict));
        }
    }

    [Fact]
    public void One_lying_source_is_outvoted_by_at_least_two_honest_ones()
    {
        var random = new Random(6);
        for (var i = 0; i < Cases; i++)
        {
            var rules = new AggregationRules(2, 2m);
            var centre = 1 + (decimal)random.NextDouble() * 5000;
            var honest = Enumerable.Range(0, random.Next(2, 7))
                .Select(k => Fresh($"h{k}", centre * (1 + (decimal)(random.NextDouble() - 0.5) / 100m))).ToList();
            var lie = centre * (random.Next(2) == 0 ? 1.06m + (decimal)random.NextDouble() * 10 : 0.94m - (decimal)random.NextDouble() * 0.9m);
            var quotes = honest.Append(Fresh("liar", lie)).OrderBy(_ => random.Next()).ToList();

            var result = PriceAggregator.Aggregate("X", quotes, rules);

            Assert.Equal(PriceStatus.Ok, result.Status);
            Assert.Equal(SourceVerdict.Outvoted, result.Sources.Single(v => v.Quote.Source == "liar").Verdict);
            Assert.Equal(PriceAggregator.Median(honest.Select(q => q.Value!.Value)), result.Value);
        }
    }

    [Fact]
    public void Scaling_every_value_scales_the_price()
    {
        var random = new Random(7);
        for (var i = 0; i < Cases; i++)
        {
            var (quotes, rules, _) = Case(random);
            var scaled = quotes.Select(q => q with { Value = q.Value * 10 }).ToList();

            var a = PriceAggregator.Aggregate("X", quotes, rules);
            var b = PriceAggregator.Aggregate("X", scaled, rules);
            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.Value * 10, b.Value);
        }
    }

    [Theory]
    [InlineData(new[] { 100.0, 105.0 }, "price-sources-disagree")] // 2.4 % each side of their median 102.5: neither can be trusted
    [InlineData(new[] { 100.0, 103.0 }, "ok")] // 1.5 % each side of 101.5: within the 2 % band
    [InlineData(new[] { 100.0, 100.0, 200.0, 200.0 }, "price-sources-disagree")] // a split vote
    [InlineData(new[] { 100.0, 100.5, 99.5, 250.0 }, "ok")] // one liar among four
    [InlineData(new[] { 100.0 }, "price-unavailable")]
    [InlineData(new double[0], "price-unavailable")]
    public void Worked_examples(double[] values, string expected)
    {
        var quotes = values.Select((v, k) => Fresh($"s{k}", (decimal)v)).ToList();

        Assert.Equal(expected, PriceAggregator.Aggregate("X", quotes, AggregationRules.Default).Status.ToWire());
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5m, PriceAggregator.Median([4m, 1m, 3m, 2m]));
        Assert.Equal(3m, PriceAggregator.Median([5m, 3m, 1m]));
    }
}
