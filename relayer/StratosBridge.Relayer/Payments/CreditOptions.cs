using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Payments;

/// <summary>
/// Section <c>Credits</c>: how payments are matched to quotes and turned into Ozone (see the README's matching policy).
/// The signer is the relayer's (<c>Relay:SignerKey</c>); fees, bumping and back-off follow the <c>Relay</c> section.
/// </summary>
public sealed class CreditOptions
{
    public const string Section = "Credits";

    /// <summary>A payment within this many percent of the amount due (either side) buys exactly the quoted Ozone.</summary>
    [Range(0, 50)]
    public decimal TolerancePercent { get; set; } = 0.5m;

    /// <summary>How long a late payment waits before trying again when no current price is available to re-price it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PriceRetry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Credits claimed per round (each is its own <c>runMsg</c> transaction).</summary>
    [Range(1, 200)]
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// Unsettled prepay transactions before the worker stops signing more. Apart from <c>Relay:MaxInFlight</c> (releases):
    /// a <c>runMsg</c> carries one message, so this bounds prepays per Stratos block.
    /// </summary>
    [Range(1, 256)]
    public int MaxInFlight { get; set; } = 32;

    /// <summary>
    /// A credit whose prepay has failed this many attempts (refused by the SystemContract, short balance, reverted) raises an
    /// <c>ALARM</c> at each further attempt; it keeps being retried with the <c>Relay</c> back-off.
    /// </summary>
    [Range(1, 1000)]
    public int AlarmAfterAttempts { get; set; } = 5;

    /// <summary>
    /// How long each confirm endpoint (<c>Chains:{name}:ConfirmRpcUrls</c>, <c>Solana:ConfirmRpcUrls</c>) has to answer for a
    /// payment, retries included; one that has not answered by then does not agree this round. Keep it well under
    /// <c>Relay:ClaimLease</c>: the round's claimed credits wait for it before they are signed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
