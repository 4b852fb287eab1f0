namespace StratosBridge.Api.RateLimiting;

/// <summary>At most <see cref="PermitLimit"/> requests per client IP in each <see cref="Window"/>; more are answered 429.</summary>
public sealed class RateLimitWindowOptions
{
    public const int MaxPermitLimit = 1_000_000;

    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public IEnumerable<string> Validate(string prefix)
    {
        if (PermitLimit is < 1 or > MaxPermitLimit)
        {
            yield return $"{prefix}:{nameof(PermitLimit)}: {PermitLimit} is not between 1 and {MaxPermitLimit}";
        }
        if (Window < TimeSpan.FromSeconds(1) || Window > TimeSpan.FromHours(1))
        {
            yield return $"{prefix}:{nameof(Window)}: {Window} is not between 00:00:01 and 01:00:00";
        }
    }
}
