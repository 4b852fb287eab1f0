using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Safety;

/// <summary>
/// Section <c>Safety</c>: the schedules (UTC cron, six fields with seconds) of the on-chain pause watch and reconciliation
/// (an empty value removes the recurring job), how long reconciliation waits before it reads a route's (or the cards')
/// numbers again, and how far the Ozone a credit bought may be from its quote.
/// </summary>
public sealed class SafetyOptions
{
    public const string Section = "Safety";

    /// <summary>Cron of <see cref="OnChainPauseJob"/>: reads <c>paused()</c> of every vault and OzonePayments contract.</summary>
    public string? OnChainPauseCron { get; set; } = "*/15 * * * * *";

    /// <summary>Cron of <see cref="ReconciliationJob"/>.</summary>
    public string? ReconciliationCron { get; set; } = "0 * * * * *";

    /// <summary>
    /// A route whose numbers do not add up is read again after this; only the same difference twice is a breach (a release
    /// mined but not yet settled in the ledger counts twice for a moment).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ConfirmDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A completed credit's <c>purchased_noz</c> (what its prepay bought, from the chain's <c>EventPrePay</c>) may differ from
    /// its <c>quoted_noz</c> by this many parts per million of the quoted noz, and by at least 1 noz (the chain's formula
    /// floors). Ozone is sold on a curve, so prepays by others between a quote and its prepay move the price a little:
    /// measured on the devnet, prepays one after another buy the quote ± 1 noz, a burst of 200 concurrent purchases up to
    /// 9 noz per 10^9 less, and a burst of grant claims within a millionth; hence 1 ppm. Raise it if the chain's own volume
    /// between quotes and prepays moves the price further.
    /// </summary>
    [Range(typeof(decimal), "0", "1000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal PurchasedNozTolerancePpm { get; set; } = 1m;

    /// <summary>
    /// A checkout Stripe reports paid that the ledger has not recorded yet (still open: its webhook is on its way, or being
    /// retried by Stripe) counts as awaiting fulfilment until this long after the checkout expired (it can be paid until
    /// then); after that it is money taken that the ledger does not know of: a breach.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3.00:00:00")]
    public TimeSpan CardFulfilmentGrace { get; set; } = TimeSpan.FromMinutes(15);
}
