namespace StratosBridge.TestKit.PriceFeeds;

/// <summary>How a fake provider answers.</summary>
public enum FakeProviderMode
{
    /// <summary>The current price in the provider's documented format.</summary>
    Healthy,

    /// <summary>
    /// Stops updating: formats with a timestamp (CoinGecko <c>last_updated_at</c>, Coinbase <c>time</c>) keep answering
    /// with a timestamp as old as the configured age; formats without one stop answering (503), so the last good value ages.
    /// </summary>
    Stale,

    /// <summary>HTTP 5xx with the provider's error body.</summary>
    Fail,

    /// <summary>Never answers until the request is cancelled.</summary>
    Hang,

    /// <summary>200 with a body that is not the documented format (not JSON).</summary>
    Malformed,
}
