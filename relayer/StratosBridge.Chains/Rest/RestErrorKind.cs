namespace StratosBridge.Chains.Rest;

/// <summary>What went wrong calling a REST service (a price provider, Stratos REST).</summary>
public enum RestErrorKind
{
    /// <summary>Connection refused/reset, DNS failure, the circuit open after repeated failures (transient).</summary>
    Connection,

    /// <summary>No answer within the attempt timeout (transient).</summary>
    Timeout,

    /// <summary>A non-2xx answer: 5xx, 408 and 429 are transient, other statuses are not.</summary>
    HttpStatus,

    /// <summary>The body is not the service's documented format (not JSON, wrong shape, not a number).</summary>
    Malformed,

    /// <summary>The service answered with an error of its own (Kraken's <c>error</c> array, a reverted call).</summary>
    Refused,
}
