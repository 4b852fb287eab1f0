namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// One asset's answer from one fetch of a source: a positive USD price, with the provider's own timestamp when its
/// format has one, or the reason there is no price.
/// </summary>
public sealed record SourceReading(string Asset, decimal? Price, DateTimeOffset? ProviderTime, string? Error)
{
    public static SourceReading Of(string asset, decimal price, DateTimeOffset? providerTime = null) =>
        price > 0
            ? new SourceReading(asset, price, providerTime, null)
            : new SourceReading(asset, null, null, $"not a positive price: {price}");

    public static SourceReading Failed(string asset, string error) => new(asset, null, null, error);
}
