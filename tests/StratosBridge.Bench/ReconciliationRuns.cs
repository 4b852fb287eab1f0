namespace StratosBridge.Bench;

/// <summary>Reconciliation during a bench run: firings, each run's duration (p50, max), checks kept and not ok, pauses it made.</summary>
public sealed record ReconciliationRuns(long Runs, TimeSpan P50, TimeSpan Max, long Checks, long NotOk, long Pauses)
{
    public override string ToString() =>
        Runs == 0 ? "did not run" : $"{Runs} runs (each p50 {P50.TotalMilliseconds:0} ms, max {Max.TotalMilliseconds:0} ms), {Checks} checks ({NotOk} not ok), {Pauses} pauses";
}
