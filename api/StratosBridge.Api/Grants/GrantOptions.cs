using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Grants;

/// <summary>
/// Section <c>Grants</c>: free Ozone grants (<see cref="GrantEndpoints"/>). Programs themselves are created through the
/// admin API; these are the service-wide settings.
/// </summary>
public sealed class GrantOptions : IValidatableSection
{
    public const string Section = "Grants";

    /// <summary>The name the signed challenge gives the service ("… asks you to sign this").</summary>
    public string ServiceName { get; set; } = "StratosBridge";

    /// <summary>How long a challenge may be signed and used (once).</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Claims (accepted or refused) one program takes per minute on one instance, whoever asks.</summary>
    public int ClaimsPerProgramPerMinute { get; set; } = 600;

    public IEnumerable<string> Validate(string section)
    {
        if (string.IsNullOrWhiteSpace(ServiceName) || ServiceName.Length > 60)
        {
            yield return $"{section}:{nameof(ServiceName)} must be 1 to 60 characters";
        }
        if (ChallengeLifetime < TimeSpan.FromSeconds(30) || ChallengeLifetime > TimeSpan.FromHours(1))
        {
            yield return $"{section}:{nameof(ChallengeLifetime)} must be between 00:00:30 and 01:00:00";
        }
        if (ClaimsPerProgramPerMinute <= 0)
        {
            yield return $"{section}:{nameof(ClaimsPerProgramPerMinute)} must be positive";
        }
    }
}
