using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Payments;
using static StratosBridge.Tests.Integration.Grants.GrantService;
using static StratosBridge.Tests.Integration.Payments.PaymentsFixture;

namespace StratosBridge.Tests.Integration.Grants;

/// <summary>
/// The money a grant reserves is not lost by a claim that fails later: on the payments devnet, with two instances of the
/// service, claims exhaust a budget concurrently, Stratos refuses one claim's prepay for good, and its reservation goes
/// back to the budget (once), so a later claim gets it; the budget is never overshot.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class GrantFailureTests(PaymentsFixture fx)
{
    /// <summary>What the claims that did not give their reservation back hold, from the ledger.</summary>
    private const string LiveClaims = "SELECT coalesce(sum(stos_wei), 0) FROM grant_claims WHERE released_at IS NULL";

    [Fact]
    public async Task A_claim_whose_prepay_fails_for_good_gives_its_reservation_back_to_a_later_claim_without_overshooting_the_budget()
    {
        await using var first = await StartAsync(fx, "grant_fails");
        await using var second = await StartAsync(fx, "grant_fails_b", first.Db);
        var program = await first.NewProgramAsync("fails", TenGb, Plenty);
        var (cost, budget) = await first.RoomForAsync(program, 3);

        // The claims' credits wait (a credits pause) while the claims race, so the test knows whose prepay to refuse.
        long pause;
        using (var paused = await first.Admin.PostAsJsonAsync("/v1/admin/pauses", new { scope = "credits", @operator = "alice", reason = "grant test" }))
        {
            pause = (await Expect(paused, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        }
        var results = await RaceAsync(program, Enumerable.Range(0, 10).Select(_ => EthKey.Generate()).ToList(), first, second);

        var accepted = results.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.Wallet).ToList();
        var refused = results.Where(r => r.Status != HttpStatusCode.Created).Select(r => r.Wallet).ToList();
        Assert.Equal(3, accepted.Count);
        AssertOthersRefused(results, "grant-budget-exhausted");
        var full = await first.ReservedAsync(program);
        Assert.True(full <= budget, $"reserved {full} of a budget of {budget}");
        Assert.Equal(await first.WeiAsync(LiveClaims), full);

        // Stratos refuses one accepted claim's prepay for good; the others go through.
        var doomed = accepted[0];
        var standIn = await RefusingSystemContract.InstallAsync(fx.Bridge.Stratos, doomed.Address);
        JsonElement failed;
        try
        {
            using (var resumed = await first.Admin.PostAsJsonAsync($"/v1/admin/pauses/{pause}/resume", new { @operator = "alice", reason = "claims in" }))
            {
                await Expect(resumed, HttpStatusCode.OK);
            }
            failed = await first.WaitForCreditAsync(program, doomed.Address, "failed");
            foreach (var wallet in accepted.Skip(1))
            {
                await first.WaitForCreditAsync(program, wallet.Address);
            }
        }
        finally
        {
            await RefusingSystemContract.RestoreAsync(fx.Bridge.Stratos, standIn);
        }

        // The failed claim shows it, bought nothing, and gave back exactly what it reserved, once.
        var doomedWei = Big(failed.GetProperty("credit").GetProperty("stosWei"));
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, failed.GetProperty("releasedAt").ValueKind);
        Assert.Contains("MalformedAny", failed.GetProperty("credit").GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fx.Companion.Prepays, p => p.Beneficiary == doomed.Address);
        Assert.Contains(first.Process.Alarms.Concat(second.Process.Alarms), a => a.Contains("failed permanently", StringComparison.Ordinal));
        Assert.Equal(full - doomedWei, await first.ReservedAsync(program));
        Assert.Equal(await first.WeiAsync(LiveClaims), await first.ReservedAsync(program));
        var completed = await first.Http.GetFromJsonAsync<JsonElement>($"/v1/grants/{program}/claims/{accepted[1].Address}");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, completed.GetProperty("releasedAt").ValueKind);

        // Its credit stays failed: an operator neither retries nor settles it (the claim is over).
        var creditId = failed.GetProperty("credit").GetProperty("id").GetInt64();
        using (var retry = await first.Admin.PostAsJsonAsync($"/v1/admin/credits/{creditId}/retry", new { @operator = "bob", reason = "try again" }))
        {
            Assert.Equal("credit-state", Code(await Expect(retry, HttpStatusCode.Conflict)));
        }

        // The money came back: a wallet refused for want of budget now claims, and gets its Ozone; the next is refused again.
        var (status, later) = await second.ClaimAsync(program, refused[0]);
        Assert.True(status == HttpStatusCode.Created, later.ToString());
        (status, var over) = await first.ClaimAsync(program, refused[1]);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("grant-budget-exhausted", Code(over));
        Assert.True(await first.ReservedAsync(program) <= budget);
        await first.WaitForCreditAsync(program, refused[0].Address);

        // The wallet whose grant failed may claim again (with room in the budget), gets it, and only once.
        await first.PatchProgramAsync(program, new { budgetWei = (budget + cost + cost / 2).ToString(), @operator = "alice" });
        (status, var again) = await second.ClaimAsync(program, doomed);
        Assert.True(status == HttpStatusCode.Created, again.ToString());
        Assert.NotEqual(failed.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        var regranted = await first.WaitForCreditAsync(program, doomed.Address);
        Assert.Equal("completed", regranted.GetProperty("status").GetString());
        Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == doomed.Address && p.Applied);
        (status, var twice) = await first.ClaimAsync(program, doomed);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("grant-already-claimed", Code(twice));
        Assert.Equal(await first.WeiAsync(LiveClaims), await first.ReservedAsync(program));
        var csv = await first.Admin.GetStringAsync($"/v1/admin/grants/{program}/statement");
        Assert.Equal(2, csv.Split("\r\n").Count(l => l.Contains(doomed.Address.ToLowerHex(), StringComparison.Ordinal)));
    }
}
