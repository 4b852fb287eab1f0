using System.Collections.Concurrent;
using StratosBridge.Pricing.Aggregation;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// The latest good value of every (source, asset) and the source's last error, as the cluster's poller recorded them in
/// the ledger (<see cref="PriceFeedWorker"/> loads them). A value is served until it is older than its source's
/// <see cref="PriceSource.StaleAfter"/> — measured from the provider's own timestamp when its format has one (clamped to
/// the fetch time, <see cref="ObservedAt"/>), else from the fetch — and never after. Thread-safe.
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

    /// <summary>
    /// What the cluster's poller last recorded for (<paramref name="source"/>, <paramref name="asset"/>): the last good value
    /// and when it was observed, the error since. Ignored for a source this instance does not have configured.
    /// </summary>
    public void Load(string source, string asset, decimal? value, DateTimeOffset? observedAt, string? error, DateTimeOffset? errorAt)
    {
        if (_sources.ContainsKey(source))
        {
            _entries[(source, asset)] = new Entry(value, observedAt, error, errorAt);
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

    /// <summary>
    /// When a reading fetched at <paramref name="fetchedAt"/> was observed: the provider's own time when its format has one,
    /// but never later than the fetch (a provider clock ahead of ours must not make a value look younger than the fetch).
    /// </summary>
    public static DateTimeOffset ObservedAt(SourceReading reading, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.ProviderTime is { } t && t < fetchedAt ? t : fetchedAt;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record Entry(decimal? Value, DateTimeOffset? ObservedAt, string? LastError, DateTimeOffset? LastErrorAt)
    {
        public static readonly Entry Empty = new(null, null, null, null);
    }
}
