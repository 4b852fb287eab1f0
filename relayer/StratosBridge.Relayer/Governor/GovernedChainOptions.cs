using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Governor;

/// <summary>One source chain's limits, in USD (<c>Governor:Chains:{chain}</c>); an unset limit is not checked.</summary>
public sealed class GovernedChainOptions
{
    /// <summary>At most this much value from the chain is signed in any <see cref="GovernorOptions.Window"/> (24 h).</summary>
    [Range(typeof(decimal), "0.01", "1000000000000", ErrorMessage = "must be between 0.01 and 1e12 USD")]
    public decimal? DailyLimitUsd { get; set; }

    /// <summary>A single transfer worth more than this is delayed.</summary>
    [Range(typeof(decimal), "0.01", "1000000000000", ErrorMessage = "must be between 0.01 and 1e12 USD")]
    public decimal? SingleTransferUsd { get; set; }
}
