using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// Section <c>Relay</c>: how the relay workers batch and send releases. Keys are not here: they come from
/// <c>Relay:SignerKey</c>/<c>Relay:SignerKeyFile</c> and <c>Relay:AttesterKeys</c>/<c>Relay:AttesterKeyFiles</c>
/// (environment or files only; see <see cref="RelayKeys"/>).
/// </summary>
public sealed class RelayOptions
{
    public const string Section = "Relay";

    /// <summary>Transfers per <c>releaseBatch</c> transaction.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How often a worker looks for work and follows its transactions when idle.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While a worker has transactions in flight on a chain, how often it asks the chain's head; receipts are read again
    /// only when the head moved (receipts are followed on new heads, one <c>eth_blockNumber</c> per interval otherwise).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan HeadPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a claim on a batch lasts before another worker may take it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A broadcast transaction not mined after this long is replaced with higher fees (same nonce).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BumpAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Fee increase of a replacement, in percent (nodes require at least 10).</summary>
    [Range(10, 500)]
    public int FeeBumpPercent { get; set; } = 25;

    /// <summary>Never offer more than this max fee per gas, in gwei (per chain: <c>Relay:MaxFeePerGasGwei:{chain}</c> overrides).</summary>
    [Range(0.000000001, 1_000_000)]
    public decimal DefaultMaxFeePerGasGwei { get; set; } = 500;

    /// <summary>Per-chain caps, in gwei.</summary>
    public Dictionary<string, decimal> MaxFeePerGasGwei { get; set; } = new(StringComparer.Ordinal);

    /// <summary>First back-off after a transient failure; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The back-off after <paramref name="attempts"/> failed attempts: <see cref="Backoff"/> × 2^attempts, at most
    /// <see cref="MaxBackoff"/> (the one rule, <see cref="Core.Background.Backoff"/>). <see cref="MaxBackoff"/> also caps the
    /// relay and credit loops' back-off after failed rounds.
    /// </summary>
    public TimeSpan BackoffAfter(int attempts) => new Core.Background.Backoff(Backoff, MaxBackoff).After(attempts);

    /// <summary>
    /// A transfer whose relay has failed this many times (refused by the vault, or its batch reverted) is an <c>ALARM</c>
    /// at each further failure: it keeps being retried with back-off, but a person should look.
    /// </summary>
    [Range(1, 1_000)]
    public int AlarmAfterAttempts { get; set; } = 5;

    /// <summary>Unsettled transactions per destination chain before a worker stops signing new batches.</summary>
    [Range(1, 64)]
    public int MaxInFlight { get; set; } = 8;
}
