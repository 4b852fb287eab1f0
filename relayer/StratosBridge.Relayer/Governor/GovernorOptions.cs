using System.ComponentModel.DataAnnotations;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Governor;

/// <summary>
/// Section <c>Governor</c>: value limits in USD per source chain (<c>Governor:Chains:{chain}:DailyLimitUsd</c>,
/// <c>…:SingleTransferUsd</c>), priced at the STOS/USD price of the price feeds. A chain without an entry is not governed.
/// A transfer that would exceed either limit is <c>delayed</c> for <see cref="DelayFor"/> (operators may release it early,
/// extend it or hold it).
/// </summary>
public sealed class GovernorOptions : IValidatableSection
{
    public const string Section = "Governor";

    /// <summary>The governed source chains by name (the names of the <c>Chains</c> section).</summary>
    public Dictionary<string, GovernedChainOptions> Chains { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long a transfer over a limit waits before it is released by itself.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DelayFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The sliding window of <see cref="GovernedChainOptions.DailyLimitUsd"/>.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    public GovernedChainOptions? For(string sourceChain) => Chains.GetValueOrDefault(sourceChain);

    public IEnumerable<string> Validate(string section)
    {
        foreach (var (chain, limits) in Chains)
        {
            var prefix = $"{section}:Chains:{chain}";
            foreach (var failure in ValidatedOptions.Check(limits, prefix))
            {
                yield return failure;
            }
            if (limits.DailyLimitUsd is null && limits.SingleTransferUsd is null)
            {
                yield return $"{prefix}: set DailyLimitUsd, SingleTransferUsd or both (a governed chain needs a limit)";
            }
        }
    }
}
