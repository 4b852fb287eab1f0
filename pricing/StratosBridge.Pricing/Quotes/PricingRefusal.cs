namespace StratosBridge.Pricing.Quotes;

/// <summary>
/// Why a quote cannot be priced, with its stable problem code. <see cref="Temporary"/> refusals (prices or the Ozone
/// price unavailable, sources disagreeing) are the service's state and answer 503; the others are about the request
/// and answer 422.
/// </summary>
public sealed record PricingRefusal(string Code, string Detail, bool Temporary)
{
    public const string UnsupportedAssetCode = "unsupported-asset";
    public const string OzonePriceUnavailableCode = "ozone-price-unavailable";
    public const string OzoneSupplyExceededCode = "ozone-supply-exceeded";

    public static PricingRefusal UnsupportedAsset(string detail) => new(UnsupportedAssetCode, detail, false);

    public static PricingRefusal OzonePriceUnavailable(string detail) => new(OzonePriceUnavailableCode, detail, true);

    public static PricingRefusal OzoneSupplyExceeded(string detail) => new(OzoneSupplyExceededCode, detail, false);
}
