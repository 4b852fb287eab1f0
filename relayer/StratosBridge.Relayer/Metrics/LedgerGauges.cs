using System.Diagnostics.Metrics;
using System.Numerics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Core.Background;
using StratosBridge.Core.Telemetry;
using StratosBridge.Ledger.Metrics;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Governor;

namespace StratosBridge.Relayer.Metrics;

/// <summary>
/// The gauges of the ledger's state, on a meter named <see cref="BridgeMetrics.MeterName"/>: every <see cref="MetricsOptions.SampleInterval"/>
/// this instance reads the ledger (<see cref="LedgerMetricsQueries"/>) and each ledger signer's balance and mined nonce on its
/// chain; a scrape observes the last sample. The values are the cluster's (every instance shows the same ledger): alert on
/// their maximum over instances, not their sum.
/// <list type="bullet">
/// <item><c>stratosbridge.transfers{source,dest,state}</c>, <c>stratosbridge.credits{state}</c>,
/// <c>stratosbridge.payments.unmatched{chain}</c>;</item>
/// <item><c>stratosbridge.signer.balance{chain,signer}</c> (whole coins) and <c>stratosbridge.signer.nonce_gap{chain,signer}</c>
/// (nonces the ledger allocated that the chain has not mined yet);</item>
/// <item><c>stratosbridge.governor.used{chain}</c> and <c>stratosbridge.governor.limit{chain}</c> (USD, the sliding window).</item>
/// </list>
/// </summary>
public sealed class LedgerGauges : BackgroundService
{
    private readonly LedgerMetricsQueries _ledger;
    private readonly ChainClients _chains;
    private readonly IOptions<MetricsOptions> _options;
    private readonly IOptions<GovernorOptions> _governor;
    private readonly ILogger<LedgerGauges> _logger;
    private volatile Sample _last = new(LedgerMetricsSnapshot.Empty, []);

    public LedgerGauges(LedgerMetricsQueries ledger, ChainClients chains, IOptions<MetricsOptions> options, IOptions<GovernorOptions> governor,
        IMeterFactory meters, ILogger<LedgerGauges> logger)
    {
        _ledger = ledger;
        _chains = chains;
        _options = options;
        _governor = governor;
        _logger = logger;
        // this host's meter (disposed with it), under the service's meter name, so a second host in one process adds no stale gauges
        var meter = meters.Create(BridgeMetrics.MeterName);
        meter.CreateObservableGauge("stratosbridge.transfers", () => _last.Ledger.Transfers.Select(t =>
            Measure(t.Count, ("source", t.Source), ("dest", t.Dest), ("state", t.State))), "{transfer}", "Transfers by route and state");
        meter.CreateObservableGauge("stratosbridge.credits", () => _last.Ledger.Credits.Select(c => Measure(c.Count, ("state", c.State))),
            "{credit}", "Ozone credits by state");
        meter.CreateObservableGauge("stratosbridge.payments.unmatched", () => _last.Ledger.UnmatchedPayments.Select(p =>
            Measure(p.Count, ("chain", p.Chain))), "{payment}", "Final payments that match no quote, by chain");
        meter.CreateObservableGauge("stratosbridge.signer.balance", () => _last.Signers.Where(s => s.Balance is not null).Select(s =>
            new Measurement<double>(s.Balance!.Value, Tags(("chain", s.Chain), ("signer", s.Signer)))), "{coin}",
            "Each ledger signer's balance on its chain, in whole coins");
        meter.CreateObservableGauge("stratosbridge.signer.nonce_gap", () => _last.Signers.Where(s => s.Gap is not null).Select(s =>
            Measure(s.Gap!.Value, ("chain", s.Chain), ("signer", s.Signer))), "{nonce}",
            "Nonces the ledger allocated to a signer that its chain has not mined yet");
        meter.CreateObservableGauge("stratosbridge.governor.used", () => _last.Ledger.GovernedUsd.Select(g =>
            new Measurement<double>((double)g.Usd, Tags(("chain", g.Chain)))), "usd", "USD signed from a source chain within the governor's window");
        meter.CreateObservableGauge("stratosbridge.governor.limit", () => _governor.Value.Chains
            .Where(c => c.Value.DailyLimitUsd is not null)
            .Select(c => new Measurement<double>((double)c.Value.DailyLimitUsd!.Value, Tags(("chain", c.Key)))), "usd",
            "The governor's limit per source chain over its window");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loop = new BackgroundLoop("Metrics sample", _options.Value.SampleInterval, TimeSpan.FromMinutes(1), _logger) { IsExpected = _ => true };
        await loop.RunAsync(async ct =>
        {
            var ledger = await _ledger.ReadAsync(_governor.Value.Window, ct);
            var signers = new List<SignerSample>();
            foreach (var (chain, signer, next) in ledger.SignerNonces.Where(s => _chains.Names.Contains(s.Chain)))
            {
                signers.Add(await SignerAsync(_chains.Rpc(chain), chain, signer, next, ct));
            }
            _last = new Sample(ledger, signers);
            return LoopRound.Idle;
        }, stoppingToken);
    }

    /// <summary>A signer's balance and nonce gap; a chain that does not answer leaves them out of this sample (its RPC errors are counted).</summary>
    private static async Task<SignerSample> SignerAsync(EvmRpcClient rpc, string chain, string signer, long nextNonce, CancellationToken ct)
    {
        try
        {
            var balance = await rpc.GetBalanceAsync(signer, EvmBlocks.Latest, ct);
            var mined = await rpc.GetTransactionCountAsync(signer, EvmBlocks.Latest, ct);
            return new SignerSample(chain, signer, (double)balance / 1e18, Math.Max(0, nextNonce - mined));
        }
        catch (EvmRpcException)
        {
            return new SignerSample(chain, signer, null, null);
        }
    }

    private static Measurement<long> Measure(long value, params (string Key, string Value)[] tags) => new(value, Tags(tags));

    private static KeyValuePair<string, object?>[] Tags(params (string Key, string Value)[] tags) =>
        tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)).ToArray();

    private sealed record SignerSample(string Chain, string Signer, double? Balance, long? Gap);

    private sealed record Sample(LedgerMetricsSnapshot Ledger, IReadOnlyList<SignerSample> Signers);
}
