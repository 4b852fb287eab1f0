using System.Numerics;
using StratosBridge.Core.Pauses;
using StratosBridge.Ledger.Pauses;

namespace StratosBridge.Tests.Integration.Ledger;

/// <summary>
/// How a reconciliation check passes against the difference an operator accepted, on a real ledger: <c>exact</c> (any change
/// is a new breach) and <c>shortfall</c> (at most the accepted one; back at 0 the acceptance lapses), and what resuming a
/// breach's pause accepts.
/// </summary>
public sealed class PauseStoreTests
{
    private const string Actor = "system:reconciliation";

    private static NewPause Breach(string key, ReconciliationRule rule, BigInteger difference) =>
        new(PauseScope.Credits, null, null, PauseOrigin.Reconciliation, $"breach of {key}", Actor, key,
            $$"""{"difference": "{{difference}}", "rule": "{{rule}}"}""");

    /// <summary>Records a run of the check as the job does, pausing when it is not ok; the pause in force after it, if any.</summary>
    private static async Task<(bool WasOk, bool Ok, PauseRow? Pause)> RunAsync(PauseStore store, string key, ReconciliationRule rule, BigInteger difference)
    {
        var (wasOk, ok) = await store.RecordCheckAsync(key, "test", difference, $$"""{"difference": "{{difference}}"}""", null, rule);
        var pause = ok ? null : (await store.BreachAsync(Breach(key, rule, difference), difference))?.Pause;
        return (wasOk, ok, pause);
    }

    private static async Task<ReconciliationCheckRow> CheckAsync(PauseStore store, string key) =>
        (await store.ChecksAsync()).Single(c => c.CheckKey == key);

    [Fact]
    public async Task An_exact_check_passes_only_at_the_accepted_difference_and_any_change_is_a_new_breach()
    {
        await using var ledger = await LedgerHarness.CreateAsync("pauses_exact");
        var store = ledger.Get<PauseStore>();
        const string key = "cards";

        Assert.Equal((true, true, null), await RunAsync(store, key, ReconciliationRule.Exact, 0));
        var (wasOk, ok, pause) = await RunAsync(store, key, ReconciliationRule.Exact, 500);
        Assert.Equal((true, false), (wasOk, ok));
        Assert.NotNull(pause);
        Assert.Equal(PauseOrigin.Reconciliation, pause.Pause.Origin);

        Assert.NotNull(await store.ResumeAsync(pause.Pause.Id, "operator:dana", "row restored"));
        Assert.Equal(new BigInteger(500), (await CheckAsync(store, key)).Accepted);
        Assert.Equal((false, true, null), await RunAsync(store, key, ReconciliationRule.Exact, 500)); // the accepted difference passes
        var (_, okAtZero, again) = await RunAsync(store, key, ReconciliationRule.Exact, 0); // back to 0 is a change too
        Assert.False(okAtZero);
        Assert.NotNull(again);
        Assert.Equal(ReconciliationRule.Exact, (await CheckAsync(store, key)).Rule);
    }

    [Fact]
    public async Task A_shortfall_passes_up_to_the_accepted_one_and_the_acceptance_lapses_once_it_is_covered()
    {
        await using var ledger = await LedgerHarness.CreateAsync("pauses_shortfall");
        var store = ledger.Get<PauseStore>();
        const string key = "float:stratos";

        Assert.Equal((true, true, null), await RunAsync(store, key, ReconciliationRule.Shortfall, 0));
        var (_, ok, pause) = await RunAsync(store, key, ReconciliationRule.Shortfall, 700);
        Assert.False(ok);
        Assert.NotNull(await store.ResumeAsync(pause!.Pause.Id, "operator:dana", "funding on its way"));
        Assert.Equal(new BigInteger(700), (await CheckAsync(store, key)).Accepted);

        Assert.Equal((false, true, null), await RunAsync(store, key, ReconciliationRule.Shortfall, 700));
        Assert.Equal((true, true, null), await RunAsync(store, key, ReconciliationRule.Shortfall, 300)); // less short: still ok
        Assert.Equal((true, true, null), await RunAsync(store, key, ReconciliationRule.Shortfall, 0)); // covered: the acceptance lapses
        Assert.Equal(BigInteger.Zero, (await CheckAsync(store, key)).Accepted);
        var (wasOk, okAgain, next) = await RunAsync(store, key, ReconciliationRule.Shortfall, 300);
        Assert.Equal((true, false), (wasOk, okAgain));
        Assert.NotNull(next);
        Assert.NotEqual(pause.Pause.Id, next.Pause.Id);
        Assert.Equal(ReconciliationRule.Shortfall, (await CheckAsync(store, key)).Rule);
    }

    [Fact]
    public async Task Resuming_a_breach_that_has_gone_back_by_itself_accepts_nothing()
    {
        await using var ledger = await LedgerHarness.CreateAsync("pauses_resolved");
        var store = ledger.Get<PauseStore>();
        const string key = "cards";

        var (_, _, pause) = await RunAsync(store, key, ReconciliationRule.Exact, 500); // a webhook late past the second read
        Assert.NotNull(pause);
        Assert.Equal((false, true, null), await RunAsync(store, key, ReconciliationRule.Exact, 0)); // handled since: passes, still paused
        Assert.Single(await store.InForceRowsAsync());

        Assert.NotNull(await store.ResumeAsync(pause.Pause.Id, "operator:dana", "the late webhook was handled"));
        Assert.Equal(BigInteger.Zero, (await CheckAsync(store, key)).Accepted);
        Assert.Equal((true, true, null), await RunAsync(store, key, ReconciliationRule.Exact, 0));
        Assert.Empty(await store.InForceRowsAsync());
    }

    [Fact]
    public async Task A_breach_tolerated_since_the_check_read_its_figures_does_not_pause()
    {
        await using var ledger = await LedgerHarness.CreateAsync("pauses_tolerated");
        var store = ledger.Get<PauseStore>();
        const string key = "float:stratos";
        var (_, _, pause) = await RunAsync(store, key, ReconciliationRule.Shortfall, 700);
        Assert.NotNull(await store.ResumeAsync(pause!.Pause.Id, "operator:dana", "accepted"));

        // a run that read a shortfall of 500 before the operator accepted 700 decides under the check row's lock
        Assert.Null(await store.BreachAsync(Breach(key, ReconciliationRule.Shortfall, 500), 500));
        Assert.Empty(await store.InForceRowsAsync());
    }
}
