using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace StratosBridge.Api.Grants;

/// <summary>
/// Claims per program per minute on this instance (<see cref="GrantOptions.ClaimsPerProgramPerMinute"/>), whoever asks:
/// a flood from many addresses against one program is cut here before it reaches the program's row lock. The budgets
/// are the hard limit; this keeps the ledger responsive.
/// </summary>
public sealed class GrantClaimLimiter(IOptions<GrantOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(program =>
        RateLimitPartition.GetFixedWindowLimiter(program, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.ClaimsPerProgramPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>True when a claim of <paramref name="programId"/> may go on now.</summary>
    public bool TryAcquire(string programId)
    {
        using var lease = _limiter.AttemptAcquire(programId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
