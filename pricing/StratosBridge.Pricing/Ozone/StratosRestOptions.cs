using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Numerics;

namespace StratosBridge.Pricing.Ozone;

/// <summary>
/// <c>Pricing:Stratos</c>: the Stratos REST (LCD) endpoint whose <c>noz_supply</c>, <c>noz_price</c> and
/// <c>sim_prepay</c> give the Ozone price. Without <see cref="RestUrl"/>, Ozone quotes are refused
/// (<c>ozone-price-unavailable</c>).
/// </summary>
public sealed class StratosRestOptions
{
    /// <summary>e.g. https://rest.thestratos.org (the node's API server, port 1317).</summary>
    public string? RestUrl { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An Ozone snapshot older than this is not used for quotes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The amount (wei, decimal digits) whose <c>sim_prepay</c> answer cross-checks each snapshot; default 1000 STOS.</summary>
    public string ProbeWei { get; set; } = "1000000000000000000000";

    public BigInteger Probe => BigInteger.Parse(ProbeWei, NumberStyles.None, CultureInfo.InvariantCulture);

    internal IEnumerable<ValidationResult> Check()
    {
        if (RestUrl is not null && !PricingOptions.IsHttpUrl(RestUrl))
        {
            yield return new ValidationResult($"'{RestUrl}' is not an absolute http(s) URL", ["Stratos:RestUrl"]);
        }
        if (!BigInteger.TryParse(ProbeWei, NumberStyles.None, CultureInfo.InvariantCulture, out var probe) || probe.IsZero)
        {
            yield return new ValidationResult($"'{ProbeWei}' is not a positive whole number of wei", ["Stratos:ProbeWei"]);
        }
    }
}
