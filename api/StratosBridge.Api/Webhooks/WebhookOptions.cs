using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Api.Webhooks;

/// <summary>
/// <c>Webhooks</c>: how the jobs role delivers events to accounts' endpoints. Defaults suit production; the devnet and
/// tests set <see cref="AllowLoopback"/> (and shorter waits).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How often the dispatcher looks for new events and due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one POST may take, answer included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after a delivery's first failure; it doubles after each failure, up to <see cref="RetryMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan RetryFirst { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.050", "7.00:00:00")]
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(6);

    /// <summary>An endpoint that has failed for this long without one success is disabled (its pending deliveries stop).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long the previous secret keeps signing after a rotation, unless the request says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Deliveries sent at once by one instance.</summary>
    [Range(1, 256)]
    public int Parallelism { get; set; } = 8;

    /// <summary>Deliveries one round claims.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Endpoints on loopback (over http too): the devnet and tests only; production refuses them (no SSRF).</summary>
    public bool AllowLoopback { get; set; }
}
