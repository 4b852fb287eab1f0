using System.Collections.Concurrent;
using StratosBridge.Pricing.Aggregation;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// The latest good value of every (source, asset) and the source's last error. A value is served until it is older
/// than its source's <see cref="PriceSource.StaleAfter"/> — measured from the provider's own timestamp when its format
/// has one (clamped to the fetch time), else from the fetch — and never after. Thread-safe.
/// </summary>
public sealed class PriceBook(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, PriceSource> _sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Source, string Asset), Entry> _entries = new();

    public IReadOnlyCollection<PriceSource> Sources => _sources.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>Every asset at least one source fetches, in order.</summary>
    public IReadOnlyList<string> Assets =>
        _sources.Values.SelectMany(s => s.Symbols.Keys).Distinct().Order(StringComparer.Ordinal).ToList();

    public void Register(PriceSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _sources[source.Name] = source;
        foreach (var asset in source.Symbols.Keys)
        {
            _entries.TryAdd((source.Name, asset), Entry.Empty);
        }
    }

    /// <summary>Keeps each good reading (replacing the last) and each failed one's error (keeping the last good value).</summary>
    public void Record(string source, IReadOnlyList<SourceReading> readings, DateTimeOffset fetchedAt)
    {
        foreach (var reading in readings)
        {
            _entries.AddOrUpdate((source, reading.Asset), _ => Apply(Entry.Empty, reading, fetchedAt), (_, old) => Apply(old, reading, fetchedAt));
        }
    }

    /// <summary>A failure of the whole source: every asset keeps its last good value and shows the error.</summary>
    public void RecordFailure(string source, string error, DateTimeOffset at)
    {
        if (!_sources.TryGetValue(source, out var s))
        {
            return;
        }
        foreach (var asset in s.Symbols.Keys)
        {
            _entries.AddOrUpdate((source, asset), _ => Entry.Empty with { LastError = error, LastErrorAt = at },
                (_, old) => old with { LastError = error, LastErrorAt = at });
        }
    }

    /// <summary>Every source's view of <paramref name="asset"/> now.</summary>
    public IReadOnlyList<SourceQuote> Quotes(string asset)
    {
        var now = time.GetUtcNow();
        var quotes = new List<SourceQuote>();
        foreach (var source in _sources.Values.Where(s => s.Symbols.ContainsKey(asset)).OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var entry = _entries.GetValueOrDefault((source.Name, asset), Entry.Empty);
            TimeSpan? age = entry.ObservedAt is { } at ? Max(now - at, TimeSpan.Zero) : null;
            var fresh = entry.Value is not null && age <= source.StaleAfter;
            quotes.Add(new SourceQuote(source.Name, source.Provider, entry.Value, age, fresh, entry.LastError));
        }
        return quotes;
    }

    private static Entry Apply(Entry old, SourceReading reading, DateTimeOffset fetchedAt)
    {
        if (reading.Price is not { } price)
        {
            return old with { LastError = reading.Error ?? "no price", LastErrorAt = fetchedAt };
        }
        // A provider clock ahead of ours must not make a value look younger than the fetch that brought it.
        var observed = reading.ProviderTime is { } t && t < fetchedAt ? t : fetchedAt;
        return new Entry(price, observed, null, null);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record Entry(decimal? Value, DateTimeOffset? ObservedAt, string? LastError, DateTimeOffset? LastErrorAt)
    {
        public static readonly Entry Empty = new(null, null, null, null);
    }
}
