namespace StratosBridge.TestKit.Stripe;

/// <summary>
/// A request the fake received, recorded on arrival (also when it was then refused, failed or dropped): the decoded query
/// and form pairs in the order sent, and the <c>Idempotency-Key</c> and <c>Stripe-Version</c> headers. The API key is
/// never recorded.
/// </summary>
public sealed record StripeFakeRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    string? IdempotencyKey,
    string? StripeVersion)
{
    /// <summary>The first form value of <paramref name="name"/> (e.g. <c>line_items[0][price_data][unit_amount]</c>), or null.</summary>
    public string? Field(string name) => Form.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();
}
