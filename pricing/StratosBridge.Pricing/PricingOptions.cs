using System.ComponentModel.DataAnnotations;
using StratosBridge.Pricing.Ozone;
using StratosBridge.Pricing.Payments;
using StratosBridge.Pricing.Providers;

namespace StratosBridge.Pricing;

/// <summary>
/// Section <c>Pricing</c>: the price sources, the aggregation rules, the Ozone price source (Stratos REST), quote terms
/// and where quotes are paid. Validated at start-up; every failure names its full key (<c>Pricing:Sources:kraken:BaseUrl</c>).
/// </summary>
public sealed class PricingOptions : IValidatableObject
{
    public const string Section = "Pricing";

    /// <summary>A pair is priced only when at least this many sources have a fresh value (and agree).</summary>
    [Range(1, 20)]
    public int MinSources { get; set; } = 2;

    /// <summary>A source further than this from the median of the fresh sources is outvoted; see the README.</summary>
    [Range(typeof(decimal), "0.01", "50")]
    public decimal MaxDeviationPercent { get; set; } = 2m;

    /// <summary>Added to the payer's side of every quote (1 = the payer pays 1 % more than the mid-market value).</summary>
    [Range(typeof(decimal), "0", "50")]
    public decimal SpreadPercent { get; set; } = 1m;

    /// <summary>How long a quote's rate holds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan QuoteExpiry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after creation payments for a quote are still watched for (at least <see cref="QuoteExpiry"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan MonitoringWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How much Ozone one GB of Stratos storage traffic uses, in noz, for showing a quote's Ozone as GB (quotes' <c>gb</c>,
    /// the pay page); 0 shows no GB. The default, 10^9 noz (1 OZ) per GB, is the devnet's and an assumption to check against
    /// the network's SDS pricing before showing it to payers: it is shown, never charged (quotes are in noz).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long NozPerGb { get; set; } = 1_000_000_000;

    /// <summary>The price sources by name; the name is the provider unless <see cref="PriceSourceOptions.Provider"/> says otherwise.</summary>
    public Dictionary<string, PriceSourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Stratos' REST (LCD) endpoint for the Ozone price.</summary>
    public StratosRestOptions Stratos { get; set; } = new();

    /// <summary>Where each pay asset is paid.</summary>
    public PaymentsOptions Payments { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MonitoringWindow < QuoteExpiry)
        {
            yield return new ValidationResult(
                $"must be at least QuoteExpiry ({QuoteExpiry}), got {MonitoringWindow}", [nameof(MonitoringWindow)]);
        }
        foreach (var (name, source) in Sources)
        {
            foreach (var failure in source.Validate(name))
            {
                yield return failure;
            }
        }
        foreach (var failure in Nested(Stratos, "Stratos").Concat(Stratos.Check()))
        {
            yield return failure;
        }
        foreach (var failure in Payments.Validate())
        {
            yield return failure;
        }
    }

    /// <summary>DataAnnotations of a nested object, each failure's member named by its key below this section.</summary>
    internal static IEnumerable<ValidationResult> Nested(object value, string prefix)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult(r.ErrorMessage,
            (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => $"{prefix}:{m}").ToArray()));
    }

    /// <summary>Whether a text is an absolute http(s) URL.</summary>
    internal static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
