using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StratosBridge.Core.Telemetry;

/// <summary>
/// The service's own instruments, on one <see cref="Meter"/> (<see cref="MeterName"/>) that the host exports (OpenTelemetry,
/// Prometheus at <c>/metrics</c>). Counters and histograms are recorded where the thing happens; gauges of the ledger's state
/// (transfers and credits by state, unmatched payments, signer balances and nonce gaps, governor use) are observed from a
/// periodic snapshot (the relayer's <c>LedgerGauges</c>). Names follow OpenTelemetry's conventions; Prometheus shows them with
/// '_' and a unit suffix (<c>stratosbridge_rpc_errors_total</c>, <c>stratosbridge_release_latency_seconds</c>).
/// </summary>
public static class BridgeMetrics
{
    public const string MeterName = "StratosBridge";

    public static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Failed RPC attempts (each retry counts) by <c>chain</c> and <c>kind</c> (the client's error taxonomy).</summary>
    public static readonly Counter<long> RpcErrors = Meter.CreateCounter<long>("stratosbridge.rpc.errors", "{error}",
        "Failed RPC attempts by chain and kind of error");

    /// <summary><c>ALARM</c> log lines by <c>kind</c> (the component that raised it).</summary>
    public static readonly Counter<long> Alarms = Meter.CreateCounter<long>("stratosbridge.alarms", "{alarm}",
        "ALARM log lines by kind (the component that raised it)");

    /// <summary>Seconds from a transfer's source finality to its destination receipt, by <c>source</c> and <c>dest</c>.</summary>
    public static readonly Histogram<double> ReleaseLatency = Meter.CreateHistogram<double>("stratosbridge.release.latency", "s",
        "Seconds from source finality to the destination receipt, per route",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 21600, 86400] });

    /// <summary>Seconds a background job ran, by <c>job</c> and <c>outcome</c> (<c>succeeded</c>, <c>failed</c>).</summary>
    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("stratosbridge.job.duration", "s",
        "Seconds each background job ran, by job and outcome",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900] });

    /// <summary>Transfers the governor delayed, by source <c>chain</c> and <c>limit</c> (<c>single-transfer</c>, <c>window</c>).</summary>
    public static readonly Counter<long> GovernorDelays = Meter.CreateCounter<long>("stratosbridge.governor.delays", "{transfer}",
        "Transfers the governor delayed, by source chain and limit");

    /// <summary>
    /// Reconciliation checks run, by <c>check</c> (e.g. <c>route:ethereum→stratos</c>, <c>payments:bsc</c>, <c>cards</c>) and
    /// <c>result</c> (<c>ok</c>, <c>breach</c>, <c>error</c>): recorded with <see cref="RecordReconciliation"/>.
    /// </summary>
    public static readonly Counter<long> ReconciliationRuns = Meter.CreateCounter<long>("stratosbridge.reconciliation.runs", "{check}",
        "Reconciliation checks run, by check and result");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (double Breach, double Difference)> LastReconciliation = new();

    /// <summary>Each check's last result: 1 while it is breached, 0 when it last balanced.</summary>
    public static readonly ObservableGauge<double> ReconciliationBreached = Meter.CreateObservableGauge("stratosbridge.reconciliation.breached",
        () => LastReconciliation.Select(c => new Measurement<double>(c.Value.Breach, new KeyValuePair<string, object?>("check", c.Key))),
        "{breach}", "1 while a reconciliation check is breached, 0 when it last balanced");

    /// <summary>Each check's last difference (expected − found, in the check's unit: a coin for routes, USD for cards).</summary>
    public static readonly ObservableGauge<double> ReconciliationDifference = Meter.CreateObservableGauge(
        "stratosbridge.reconciliation.difference",
        () => LastReconciliation.Select(c => new Measurement<double>(c.Value.Difference, new KeyValuePair<string, object?>("check", c.Key))),
        null, "Each reconciliation check's last difference, expected minus found, in its own unit");

    /// <summary>The reconciliation job's report of one check: counted, and kept as the check's last result.</summary>
    public static void RecordReconciliation(string check, bool balanced, double difference)
    {
        ReconciliationRuns.Add(1, new TagList { { "check", check }, { "result", balanced ? "ok" : "breach" } });
        LastReconciliation[check] = (balanced ? 0 : 1, difference);
    }

    /// <summary>A check that could not be run (a node down, say): counted as <c>error</c>; its last result stays.</summary>
    public static void RecordReconciliationError(string check) =>
        ReconciliationRuns.Add(1, new TagList { { "check", check }, { "result", "error" } });
}
