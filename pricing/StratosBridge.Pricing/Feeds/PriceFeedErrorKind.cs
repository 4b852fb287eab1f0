namespace StratosBridge.Pricing.Feeds;

/// <summary>What went wrong fetching a source.</summary>
public enum PriceFeedErrorKind
{
    /// <summary>Connection refused/reset, DNS failure (transient).</summary>
    Connection,

    /// <summary>No answer within the attempt timeout (transient).</summary>
    Timeout,

    /// <summary>A non-2xx answer: 5xx, 408 and 429 are transient, other statuses are not.</summary>
    HttpStatus,

    /// <summary>The body is not the provider's documented format (not JSON, wrong shape, not a number).</summary>
    Malformed,

    /// <summary>The provider answered with an error of its own (Kraken's <c>error</c> array, a reverted call).</summary>
    Refused,
}
