using System.Numerics;
using StratosBridge.Core.Grants;
using StratosBridge.Ledger.Grants;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.States;

namespace StratosBridge.Tests.Integration.Ledger;

/// <summary>
/// A grant claim's reservation on the ledger: given back once, in the transaction that fails its credit (the program's
/// total, the claim's day and its code's use), never while the credit may still buy; the claim is then over and the
/// wallet may claim again; claims and failures racing on one program never overshoot its budget nor deadlock.
/// </summary>
public sealed class GrantReservationTests
{
    private const string Worker = "credit:test";

    private static readonly BigInteger Cost = 400; // the STOS wei every claim of these tests costs

    [Fact]
    public async Task A_failed_grant_credit_gives_its_reservation_back_once_and_the_wallet_may_claim_again()
    {
        await using var ledger = await LedgerHarness.CreateAsync("grant_release");
        var grants = ledger.Get<GrantStore>();
        var credits = ledger.Get<CreditStore>();
        await ProgramAsync(grants, "release", budget: Cost * 2);
        Assert.NotNull(await grants.CreateCodeAsync("release", "ONCE", 5, 1, DateTimeOffset.UtcNow.AddDays(1), "operator:test"));
        var (a, b, c) = (Wallet(1), Wallet(2), Wallet(3));

        var first = await ClaimAsync(grants, "release", a, "ONCE");
        Assert.NotNull((await ClaimAsync(grants, "release", b)).Claim);
        Assert.Equal(GrantRefusals.BudgetExhausted, (await ClaimAsync(grants, "release", c)).Refusal?.Code);
        var creditId = first.Claim!.CreditId;
        Assert.Contains(creditId, (await credits.ClaimAsync(10, Worker, TimeSpan.FromMinutes(1))).Select(x => x.Id));

        await credits.FailAsync(creditId, Worker, "the SystemContract refuses this prepay for good: MalformedAny()");

        var failed = await grants.ClaimOfAsync("release", a);
        Assert.Equal("failed", failed!.CreditStatus);
        Assert.NotNull(failed.ReleasedAt);
        Assert.Equal(Cost, (await grants.GetProgramAsync("release"))!.ReservedWei);
        Assert.Equal(Cost, (await grants.GetProgramAsync("release"))!.ReservedTodayWei);
        Assert.Equal(0, Assert.Single(await grants.CodesAsync("release")).Uses);

        // Once: failing it again moves nothing, and operators cannot bring the credit back (its claim is over).
        await credits.FailAsync(creditId, Worker, "again");
        Assert.Equal(OperatorDecision.NotApplicable, await credits.RetryByOperatorAsync(creditId, "dec_retry", "operator:alice", "try again"));
        Assert.Equal(OperatorDecision.NotApplicable,
            await credits.SettleByOperatorAsync(creditId, "dec_settle", "stratos", "0x" + new string('a', 64), 7, "operator:alice", "paid"));
        Assert.True(CreditStore.IsReleasedGrant((await credits.ByIdAsync(creditId))!));
        Assert.Equal("failed", (await credits.ByIdAsync(creditId))!.Status);
        Assert.Equal(Cost, (await grants.GetProgramAsync("release"))!.ReservedWei);

        // The money came back: the refused wallet gets it; then the budget is full again.
        Assert.NotNull((await ClaimAsync(grants, "release", c)).Claim);
        Assert.Equal(GrantRefusals.BudgetExhausted, (await ClaimAsync(grants, "release", a, "ONCE")).Refusal?.Code);

        // With room, the wallet whose grant failed claims again (its code's use came back too), and only once.
        await grants.UpdateProgramAsync("release", new GrantProgramChange(BudgetWei: Cost * 3, DailyBudgetWei: Cost * 3), "operator:test");
        var again = await ClaimAsync(grants, "release", a, "ONCE");
        Assert.NotNull(again.Claim);
        Assert.NotEqual(first.Claim.Id, again.Claim.Id);
        Assert.Null(again.Claim.ReleasedAt);
        Assert.Equal(again.Claim.Id, (await grants.ClaimOfAsync("release", a))!.Id);
        Assert.Equal(GrantRefusals.AlreadyClaimed, (await ClaimAsync(grants, "release", a)).Refusal?.Code);
        Assert.Equal(Cost * 3, (await grants.GetProgramAsync("release"))!.ReservedWei);
        Assert.Equal(1, Assert.Single(await grants.CodesAsync("release")).Uses);
        var statement = await grants.ClaimsAsync("release", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(2, statement.Count(x => x.Wallet == a));
    }

    [Fact]
    public async Task A_needs_operator_grant_credit_keeps_its_reservation_whatever_the_operator_decides()
    {
        await using var ledger = await LedgerHarness.CreateAsync("grant_parked");
        var grants = ledger.Get<GrantStore>();
        var credits = ledger.Get<CreditStore>();
        await ProgramAsync(grants, "parked", budget: Cost * 5);
        var claim = (await ClaimAsync(grants, "parked", Wallet(1))).Claim!;
        await ledger.ScalarAsync($"""
            WITH c AS (UPDATE credits SET status = 'needs-operator' WHERE id = {claim.CreditId} RETURNING 1) SELECT count(*) FROM c
            """);

        Assert.Equal(OperatorDecision.Applied, await credits.RetryByOperatorAsync(claim.CreditId, "dec_parked", "operator:bob", "bought nothing"));

        Assert.Equal("ready", (await credits.ByIdAsync(claim.CreditId))!.Status);
        Assert.Null((await grants.ClaimOfAsync("parked", Wallet(1)))!.ReleasedAt);
        Assert.Equal(Cost, (await grants.GetProgramAsync("parked"))!.ReservedWei);
    }

    [Fact]
    public async Task Claims_racing_failures_on_one_program_never_overshoot_and_release_each_failed_claim_once()
    {
        await using var ledger = await LedgerHarness.CreateAsync("grant_release_race");
        var grants = ledger.Get<GrantStore>();
        var credits = ledger.Get<CreditStore>();
        const int Room = 8;
        await ProgramAsync(grants, "race", budget: Cost * Room);
        var early = new List<GrantClaimRow>();
        for (var i = 0; i < Room; i++)
        {
            early.Add((await ClaimAsync(grants, "race", Wallet(100 + i))).Claim!);
        }
        var doomed = early.Take(5).Select(x => x.CreditId).ToHashSet();
        Assert.Equal(Room, (await credits.ClaimAsync(Room, Worker, TimeSpan.FromMinutes(1))).Count);

        // Five credits fail for good while thirty wallets claim, and each of the failed wallets claims again, all at once.
        var failures = doomed.Select(id => credits.FailAsync(id, Worker, "refused for good"));
        var claims = Enumerable.Range(0, 30).Select(i => ClaimAsync(grants, "race", Wallet(200 + i)))
            .Concat(early.Take(5).Select(x => ClaimAsync(grants, "race", x.Wallet)));
        await Task.WhenAll(failures.Concat(claims.Select(t => (Task)t)));

        var program = (await grants.GetProgramAsync("race"))!;
        Assert.True(program.ReservedWei <= program.BudgetWei, $"reserved {program.ReservedWei} of {program.BudgetWei}");
        Assert.Equal(await ledger.ScalarAsync("SELECT coalesce(sum(stos_wei), 0) FROM grant_claims WHERE released_at IS NULL"), (long)program.ReservedWei);
        Assert.Equal(5, await ledger.ScalarAsync("SELECT count(*) FROM grant_claims WHERE released_at IS NOT NULL"));
        Assert.Equal(5, await ledger.ScalarAsync("SELECT count(*) FROM credits WHERE status = 'failed'"));
        Assert.Equal((long)program.ReservedWei, await ledger.ScalarAsync("SELECT reserved_wei FROM grant_days WHERE program_id = 'race'"));

        // Whatever the race left free is claimable, and then the budget is exactly full: nothing was lost or given twice.
        var more = 0;
        while (more < Room && (await ClaimAsync(grants, "race", Wallet(300 + more))).Claim is not null)
        {
            more++;
        }
        Assert.Equal(Room, await ledger.ScalarAsync("SELECT count(*) FROM grant_claims WHERE released_at IS NULL"));
        Assert.Equal(Cost * Room, (await grants.GetProgramAsync("race"))!.ReservedWei);
    }

    private static async Task ProgramAsync(GrantStore grants, string id, BigInteger budget) =>
        Assert.NotNull(await grants.CreateProgramAsync(new NewGrantProgram(id, "Drive welcome", DateTimeOffset.UtcNow.AddHours(-1),
            DateTimeOffset.UtcNow.AddDays(1), 10, budget, budget, false, 100), "operator:test"));

    private static Task<GrantClaimResult> ClaimAsync(GrantStore grants, string program, string wallet, string? code = null) =>
        grants.ClaimAsync(program, wallet, code, "127.0.0.1", facts => GrantClaimPolicy.Decide(facts, _ => Cost));

    private static string Wallet(int n) => "0x" + n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);
}
