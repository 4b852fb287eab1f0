using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit.Stratos;
using static StratosBridge.Tests.Integration.Grants.GrantService;
using static StratosBridge.Tests.Integration.Payments.PaymentsFixture;

namespace StratosBridge.Tests.Integration.Grants;

/// <summary>
/// Free Ozone grants through the real service on the payments devnet: a signed claim becomes one credit, bought by the
/// credit worker with MsgPrepay on the Stratos companion; forged, replayed and expired signatures are refused; budgets
/// and campaign codes hold under concurrent claims on two instances.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class GrantClaimTests(PaymentsFixture fx)
{
    [Fact]
    public async Task A_wallet_claims_once_and_its_ozone_on_the_devnet_grows_by_the_grant()
    {
        await using var service = await StartAsync(fx, "grant_once");
        var program = await service.NewProgramAsync("drive-welcome", TenGb, Plenty);
        var wallet = EthKey.Generate();

        var open = await service.Http.GetFromJsonAsync<JsonElement>($"/v1/grants/{program}");
        Assert.True(open.GetProperty("open").GetBoolean());
        Assert.Equal("10", open.GetProperty("gbPerClaim").GetString()); // Pricing:NozPerGb, 1 OZ per GB by default

        var (status, claim) = await service.ClaimAsync(program, wallet);
        Assert.True(status == HttpStatusCode.Created, claim.ToString());
        Assert.Equal(TenGb, Big(claim.GetProperty("noz")));
        Assert.Equal(wallet.Address.ToString(), claim.GetProperty("wallet").GetProperty("hex").GetString());

        var done = await service.WaitForCreditAsync(program, wallet.Address);
        var credit = done.GetProperty("credit");
        var bought = Big(credit.GetProperty("purchasedNoz"));
        Assert.True(bought >= TenGb && bought - TenGb <= 1, $"bought {bought} noz for a grant of {TenGb}");
        Assert.Equal(bought, await StratosDevnetCompanion.RequestOzoneAsync(fx.Companion.Url, wallet.Address));
        var prepay = Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == wallet.Address);
        Assert.Equal(credit.GetProperty("txHash").GetString(), prepay.TxHash);

        // the wallet's credits show the grant; a second claim is refused and buys nothing more
        var credits = await service.Http.GetFromJsonAsync<JsonElement>($"/v1/wallets/{wallet.Address}/credits");
        var listed = Assert.Single(credits.GetProperty("credits").EnumerateArray());
        Assert.Equal(program, listed.GetProperty("grant").GetProperty("program").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("payment").ValueKind);
        var (again, refusal) = await service.ClaimAsync(program, wallet);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("grant-already-claimed", Code(refusal));
        Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == wallet.Address);

        var report = await service.Admin.GetFromJsonAsync<JsonElement>($"/v1/admin/grants/{program}");
        Assert.Equal(1, report.GetProperty("program").GetProperty("claimsToday").GetInt32());
        Assert.Equal(1, report.GetProperty("creditsByStatus").GetProperty("completed").GetInt32());
        Assert.Contains(report.GetProperty("topRefusals").EnumerateArray(), r => r.GetProperty("reason").GetString() == "grant-already-claimed");
        var csv = await service.Admin.GetStringAsync($"/v1/admin/grants/{program}/statement");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(prepay.TxHash, lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_concurrent_claims_for_one_wallet_on_two_instances_make_exactly_one_credit()
    {
        await using var first = await StartAsync(fx, "grant_race");
        await using var second = await StartAsync(fx, "grant_race_b", first.Db);
        var program = await first.NewProgramAsync("race", TenGb, Plenty);
        var wallet = EthKey.Generate();
        var instances = new[] { first, second };
        var signed = new List<(GrantService Service, string Id, string Signature)>();
        for (var i = 0; i < 20; i++)
        {
            var service = instances[i % 2];
            var (id, message) = await service.ChallengeAsync(program, wallet.Address);
            signed.Add((service, id, PersonalMessage.Sign(wallet, message)));
        }

        var results = await Task.WhenAll(signed.Select(s => s.Service.PostClaimAsync(program, wallet.Address, s.Id, s.Signature)));

        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Equal("grant-already-claimed", Code(r.Body));
        });
        Assert.Equal(1, await BridgeService.CountAsync(first.Db,
            $"SELECT count(*) FROM credits c JOIN grant_claims g ON g.id = c.grant_claim_id WHERE g.wallet = '{wallet.Address.ToLowerHex()}'"));
        await first.WaitForCreditAsync(program, wallet.Address);
        Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == wallet.Address);
    }

    [Fact]
    public async Task Forged_replayed_and_expired_signatures_are_refused_and_nothing_is_granted()
    {
        await using var service = await StartAsync(fx, "grant_forged");
        var program = await service.NewProgramAsync("forged", TenGb, Plenty);
        var wallet = EthKey.Generate();
        var thief = EthKey.Generate();

        // signed by another key
        var (id, message) = await service.ChallengeAsync(program, wallet.Address);
        var (status, body) = await service.PostClaimAsync(program, wallet.Address, id, PersonalMessage.Sign(thief, message));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("grant-signature-invalid", Code(body));
        // the wallet's signature of another message, and bytes that are no signature
        (status, body) = await service.PostClaimAsync(program, wallet.Address, id, PersonalMessage.Sign(wallet, message + " "));
        Assert.Equal("grant-signature-invalid", Code(body));
        (status, body) = await service.PostClaimAsync(program, wallet.Address, id, "0x" + new string('1', 130));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        // a challenge given to another wallet, and one that is no challenge
        var (thiefChallenge, thiefMessage) = await service.ChallengeAsync(program, thief.Address);
        (status, body) = await service.PostClaimAsync(program, wallet.Address, thiefChallenge, PersonalMessage.Sign(wallet, thiefMessage));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("grant-challenge-invalid", Code(body));
        (status, body) = await service.PostClaimAsync(program, wallet.Address, "not-a-challenge", PersonalMessage.Sign(wallet, message));
        Assert.Equal("grant-challenge-invalid", Code(body));

        // expired: the challenge's time ran out (moved back in the ledger)
        var (late, lateMessage) = await service.ChallengeAsync(program, wallet.Address);
        await BridgeService.CountAsync(service.Db, $"""
            WITH c AS (UPDATE grant_challenges SET expires_at = now() - interval '1 second' WHERE id = '{late}' RETURNING 1) SELECT count(*) FROM c
            """);
        (status, body) = await service.PostClaimAsync(program, wallet.Address, late, PersonalMessage.Sign(wallet, lateMessage));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("grant-challenge-expired", Code(body));
        Assert.Equal(0, await BridgeService.CountAsync(service.Db, "SELECT count(*) FROM grant_claims"));

        // the forged attempts did not use the wallet's challenge: signed properly it claims; replayed it is refused
        var signature = PersonalMessage.Sign(wallet, message);
        (status, body) = await service.PostClaimAsync(program, wallet.Address, id, signature);
        Assert.Equal(HttpStatusCode.Created, status);
        (status, body) = await service.PostClaimAsync(program, wallet.Address, id, signature);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("grant-challenge-used", Code(body));
        Assert.Equal(1, await BridgeService.CountAsync(service.Db, "SELECT count(*) FROM grant_claims"));
        Assert.Equal(1, await BridgeService.CountAsync(service.Db, "SELECT count(*) FROM credits WHERE grant_claim_id IS NOT NULL"));

        // bad input: no wallet, a wallet that is no address, not JSON
        using var noWallet = await service.Http.PostAsJsonAsync($"/v1/grants/{program}/claims", new { challengeId = id, signature });
        Assert.Equal("invalid-wallet", Code(await Expect(noWallet, HttpStatusCode.UnprocessableEntity)));
        using var notJson = await service.Http.PostAsync($"/v1/grants/{program}/claims", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("invalid-json", Code(await Expect(notJson, HttpStatusCode.BadRequest)));
        using var noProgram = await service.Http.PostAsJsonAsync("/v1/grants/no-such-program/challenges", new { wallet = wallet.Address.ToString() });
        Assert.Equal("grant-program-not-found", Code(await Expect(noProgram, HttpStatusCode.NotFound)));
    }

    [Fact]
    public async Task Concurrent_claims_cannot_overshoot_the_budget_and_refused_claims_hold_nothing()
    {
        await using var first = await StartAsync(fx, "grant_budget");
        await using var second = await StartAsync(fx, "grant_budget_b", first.Db);
        var program = await first.NewProgramAsync("budget", TenGb, Plenty);
        var (cost, budget) = await first.RoomForAsync(program, 3);

        var results = await RaceAsync(program, Enumerable.Range(0, 12).Select(_ => EthKey.Generate()).ToList(), first, second);

        Assert.Equal(3, results.Count(r => r.Status == HttpStatusCode.Created));
        AssertOthersRefused(results, "grant-budget-exhausted");
        var reserved = await first.ReservedAsync(program);
        var claimed = await BridgeService.CountAsync(first.Db, "SELECT count(*) FROM grant_claims");
        Assert.Equal(4, claimed);
        // what is reserved is exactly what the four accepted claims cost: the refused ones hold nothing, nothing overshoots
        Assert.Equal(await first.WeiAsync("SELECT sum(stos_wei) FROM grant_claims"), reserved);
        Assert.Equal(await first.WeiAsync("SELECT sum(stos_wei) FROM credits WHERE grant_claim_id IS NOT NULL"), reserved);
        Assert.True(reserved <= budget, $"reserved {reserved} of a budget of {budget}");
        Assert.True(budget - reserved < cost + cost / 100, $"{budget - reserved} wei left unused of {budget}");

        // raising the budget lets a refused wallet claim after all (its refusal held nothing)
        await first.PatchProgramAsync(program, new { budgetWei = (budget * 2).ToString(), @operator = "alice" });
        var refused = results.First(r => r.Status != HttpStatusCode.Created).Wallet;
        var (status, _) = await second.ClaimAsync(program, refused);
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task A_campaign_code_is_used_by_two_wallets_and_refused_for_the_third()
    {
        await using var service = await StartAsync(fx, "grant_code");
        var program = await service.NewProgramAsync("promo", TenGb, Plenty);
        var extra = BigInteger.Parse("5000000000");
        using (var created = await service.Admin.PostAsJsonAsync($"/v1/admin/grants/{program}/codes",
                   new { code = "SHARE-5GB", extraNoz = extra.ToString(), maxUses = 2, expiresAt = DateTimeOffset.UtcNow.AddDays(1), @operator = "bob" }))
        {
            var code = await Expect(created, HttpStatusCode.Created);
            Assert.Equal("5", code.GetProperty("extraGb").GetString());
        }
        using (var expired = await service.Admin.PostAsJsonAsync($"/v1/admin/grants/{program}/codes",
                   new { code = "OLD", extraNoz = extra.ToString(), maxUses = 9, expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1), @operator = "bob" }))
        {
            await Expect(expired, HttpStatusCode.Created);
        }

        foreach (var wallet in new[] { EthKey.Generate(), EthKey.Generate() })
        {
            var (status, claim) = await service.ClaimAsync(program, wallet, "SHARE-5GB");
            Assert.True(status == HttpStatusCode.Created, claim.ToString());
            Assert.Equal(TenGb + extra, Big(claim.GetProperty("noz")));
            Assert.Equal("SHARE-5GB", claim.GetProperty("code").GetString());
        }
        var third = EthKey.Generate();
        var (refusedStatus, refusal) = await service.ClaimAsync(program, third, "SHARE-5GB");
        Assert.Equal(HttpStatusCode.Conflict, refusedStatus);
        Assert.Equal("grant-code-used-up", Code(refusal));
        (refusedStatus, refusal) = await service.ClaimAsync(program, third, "OLD");
        Assert.Equal("grant-code-expired", Code(refusal));
        (refusedStatus, refusal) = await service.ClaimAsync(program, third, "NOPE");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedStatus);
        Assert.Equal("grant-code-unknown", Code(refusal));
        // without a code the third wallet still gets the program's Ozone: the refusals used nothing up
        var (plain, claimed) = await service.ClaimAsync(program, third);
        Assert.Equal(HttpStatusCode.Created, plain);
        Assert.Equal(TenGb, Big(claimed.GetProperty("noz")));
        var codes = await service.Admin.GetFromJsonAsync<JsonElement>($"/v1/admin/grants/{program}/codes");
        Assert.Equal(2, codes.GetProperty("codes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "SHARE-5GB").GetProperty("uses").GetInt32());
    }

    [Fact]
    public async Task Allow_and_deny_lists_decide_who_may_claim_and_operators_changes_are_checked_and_audited()
    {
        await using var service = await StartAsync(fx, "grant_lists");
        var program = await service.NewProgramAsync("partners", TenGb, Plenty, allowListOnly: true);
        var listed = EthKey.Generate();
        var stranger = EthKey.Generate();
        var banned = EthKey.Generate();
        var stratos = Chains.Stratos.StratosAddress.FromEvm(listed.Address).Bech32;
        using (var allow = await service.Admin.PostAsJsonAsync($"/v1/admin/grants/{program}/allow-list",
                   new { wallets = new[] { stratos, banned.Address.ToString() }, @operator = "carol" }))
        {
            Assert.Equal(2, (await Expect(allow, HttpStatusCode.OK)).GetProperty("added").GetInt32());
        }
        using (var deny = await service.Admin.PutAsJsonAsync($"/v1/admin/grant-deny-list/{banned.Address}", new { reason = "farming", @operator = "carol" }))
        {
            await Expect(deny, HttpStatusCode.NoContent);
        }

        Assert.Equal(HttpStatusCode.Created, (await service.ClaimAsync(program, listed)).Status);
        var (status, body) = await service.ClaimAsync(program, stranger);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("grant-wallet-not-allowed", Code(body));
        (status, body) = await service.ClaimAsync(program, banned);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("grant-wallet-denied", Code(body));

        // closing the program stops claims; every change is audited with its operator
        using (var close = await service.Admin.PatchAsJsonAsync($"/v1/admin/grants/{program}", new { status = "closed", @operator = "dave" }))
        {
            Assert.False((await Expect(close, HttpStatusCode.OK)).GetProperty("open").GetBoolean());
        }
        using (var undeny = await service.Admin.DeleteAsync($"/v1/admin/grant-deny-list/{banned.Address}?operator=dave"))
        {
            await Expect(undeny, HttpStatusCode.NoContent);
        }
        (status, body) = await service.ClaimAsync(program, banned);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("grant-not-open", Code(body));
        Assert.Equal(5, await BridgeService.CountAsync(service.Db, "SELECT count(*) FROM grant_audit WHERE operator LIKE 'operator:%'"));

        // operators' bad input, and callers without the admin token
        using var duplicate = await service.Admin.PostAsJsonAsync("/v1/admin/grants", new
        {
            id = program, name = "again", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddDays(1),
            nozPerClaim = "1", budgetWei = "1", dailyBudgetWei = "1", @operator = "eve",
        });
        Assert.Equal("grant-program-exists", Code(await Expect(duplicate, HttpStatusCode.Conflict)));
        using var badAmount = await service.Admin.PostAsJsonAsync("/v1/admin/grants", new
        {
            id = "bad-amount", name = "bad", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddDays(1),
            nozPerClaim = "-5", budgetWei = "1", dailyBudgetWei = "1", @operator = "eve",
        });
        var problem = await Expect(badAmount, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-grant-program", Code(problem));
        Assert.Contains("nozPerClaim", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var anonymous = await service.Admin.PatchAsJsonAsync($"/v1/admin/grants/{program}", new { status = "active" });
        Assert.Equal("operator-required", Code(await Expect(anonymous, HttpStatusCode.UnprocessableEntity)));
        using var notAdmin = await service.Http.PostAsJsonAsync("/v1/admin/grants", new { id = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, notAdmin.StatusCode);
        using var missing = await service.Admin.GetAsync("/v1/admin/grants/no-such-program");
        Assert.Equal("grant-program-not-found", Code(await Expect(missing, HttpStatusCode.NotFound)));
    }
}
