using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StratosBridge.Core.Telemetry;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Pricing.Aggregation;

namespace StratosBridge.Relayer.Governor;

/// <summary>
/// The governor (<see cref="GovernorOptions"/>), the relay worker's check before it signs. Per governed source chain:
/// <list type="bullet">
/// <item>a claimed transfer worth more than the single-transfer threshold at the STOS/USD price now is delayed
/// (<see cref="ScreenAsync"/>);</item>
/// <item>the batch is charged against the chain's sliding window when it is persisted (<see cref="ReleaseStore.PersistSignedAsync"/>,
/// under a row lock, so instances take turns); if it would go over, the transfers that do not fit are delayed and the
/// others go back for the next round (<see cref="OverWindowAsync"/>);</item>
/// <item>without a usable STOS/USD price nothing from a governed chain is signed: the batch backs off with the price's reason.</item>
/// </list>
/// A transfer the governor released (its delay over, or an operator's release) is charged but never held back again.
/// </summary>
public sealed class TransferGovernor(ReleaseStore store, PriceOracle prices, IOptions<GovernorOptions> options, ILogger<TransferGovernor> logger)
{
    public const string PricedAsset = "STOS";
    private static readonly decimal WeiPerStos = 1_000_000_000_000_000_000m;

    private GovernorOptions Options => options.Value;

    public bool Governs(string sourceChain) => Options.For(sourceChain) is not null;

    /// <summary>
    /// Prices a claimed batch from a governed chain, delays the transfers over the single-transfer threshold, and returns the
    /// others with the charge to persist with them. No price: the whole batch backs off (nothing to sign, charge null).
    /// </summary>
    public async Task<(IReadOnlyList<ClaimedRelease> ToSign, WindowCharge? Charge)> ScreenAsync(string sourceChain,
        IReadOnlyList<ClaimedRelease> batch, string worker, TimeSpan retryAfter, CancellationToken ct)
    {
        var limits = Options.For(sourceChain)!;
        var price = prices.Evaluate(PricedAsset);
        if (price is not { Status: PriceStatus.Ok, Value: { } usdPerStos })
        {
            logger.LogError("ALARM the governor has no STOS/USD price ({Reason}): {Count} transfer(s) from {Chain} wait", price.Reason,
                batch.Count, sourceChain);
            await store.BackOffAsync(batch.Select(b => b.TransferId).ToArray(), worker, retryAfter,
                $"waiting for a STOS/USD price for the governor: {price.Reason}", ct);
            return ([], null);
        }
        var delays = new List<(long, string)>();
        var toSign = new List<ClaimedRelease>();
        foreach (var transfer in batch)
        {
            var usd = UsdOf(transfer.Amount, usdPerStos);
            if (!transfer.GovernorReleased && limits.SingleTransferUsd is { } threshold && usd > threshold)
            {
                delays.Add((transfer.TransferId, $"worth {Usd(usd)} USD (STOS/USD {usdPerStos.ToString(CultureInfo.InvariantCulture)}), over " +
                                                 $"the single-transfer threshold of {Usd(threshold)} USD from {sourceChain}"));
            }
            else
            {
                toSign.Add(transfer);
            }
        }
        await DelayAsync(sourceChain, "single-transfer", delays, worker, ct);
        var charge = new WindowCharge(sourceChain, limits.DailyLimitUsd, Options.Window,
            toSign.Select(t => new GovernedTransfer(t.TransferId, UsdOf(t.Amount, usdPerStos), t.GovernorReleased)).ToList());
        return (toSign, charge);
    }

    /// <summary>
    /// The batch would take the window over its limit (<paramref name="usedUsd"/> signed already): in claim order, the transfers
    /// that still fit go back for the next round, due now; the others are delayed with the window's numbers.
    /// </summary>
    public async Task OverWindowAsync(WindowCharge charge, decimal usedUsd, string worker, CancellationToken ct)
    {
        var limit = charge.LimitUsd!.Value;
        var total = usedUsd + charge.Transfers.Where(t => t.Released).Sum(t => t.Usd);
        var fit = new List<long>();
        var delays = new List<(long, string)>();
        foreach (var transfer in charge.Transfers)
        {
            if (transfer.Released || total + transfer.Usd <= limit)
            {
                total += transfer.Released ? 0 : transfer.Usd;
                fit.Add(transfer.TransferId);
            }
            else
            {
                delays.Add((transfer.TransferId, $"worth {Usd(transfer.Usd)} USD: {charge.SourceChain} has {Usd(usedUsd)} USD signed in the last " +
                                                 $"{charge.Window.TotalHours:0.##} h, and its limit is {Usd(limit)} USD"));
            }
        }
        await DelayAsync(charge.SourceChain, "window", delays, worker, ct);
        await store.BackOffAsync(fit, worker, TimeSpan.Zero, "re-batched within the governor's window", ct);
    }

    /// <summary>Delayed transfers whose time has come are released (once per round of any relay worker; guarded, so harmless twice).</summary>
    public async Task ReleaseDueAsync(string worker, CancellationToken ct)
    {
        if (Options.Chains.Count > 0 && await store.ReleaseDueAsync(worker, ct) is > 0 and var released)
        {
            logger.LogWarning("The governor released {Count} delayed transfer(s) whose delay is over", released);
        }
    }

    private async Task DelayAsync(string sourceChain, string limit, IReadOnlyList<(long TransferId, string Reason)> delays, string worker,
        CancellationToken ct)
    {
        if (delays.Count == 0)
        {
            return;
        }
        await store.DelayAsync(delays, Options.DelayFor, worker, ct);
        BridgeMetrics.GovernorDelays.Add(delays.Count, new TagList { { "chain", sourceChain }, { "limit", limit } });
        foreach (var (id, reason) in delays)
        {
            logger.LogWarning("Transfer {TransferId} from {Chain} delayed by the governor for {Delay}: {Reason}", id, sourceChain, Options.DelayFor, reason);
        }
    }

    /// <summary>The USD value of <paramref name="wei"/> (18 decimals) at <paramref name="usdPerStos"/>, to the cent's hundredth.</summary>
    public static decimal UsdOf(BigInteger wei, decimal usdPerStos) => Math.Round((decimal)wei / WeiPerStos * usdPerStos, 4);

    private static string Usd(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
