using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Stratos;
using static StratosBridge.Tests.Integration.Api.PaymentSeed;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

public sealed class WalletCreditEndpointsTests
{
    private static readonly DateTimeOffset PaidAt = DateTimeOffset.UtcNow.AddMinutes(-1);

    private static async Task<(List<JsonNode> Credits, string? Next)> PageAsync(InProcessApi api, string path)
    {
        var (status, _, body, raw) = await api.GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {status} {raw}");
        return (body["credits"]!.AsArray().Select(c => c!).ToList(), body["next"]?.GetValue<string>());
    }

    /// <summary>
    /// Carol earns three credits (paid in full and completed; under-paid by half, ready; paid in full, ready) and Bob one in
    /// between; returns Carol's credit ids and the payment tx hashes, oldest first.
    /// </summary>
    private static async Task<(List<long> Ids, List<string> Payments)> SeedCarolAsync(InProcessApi api)
    {
        var ids = new List<long>();
        var payments = new List<string>();
        var n = 0;
        async Task<long> CreditAsync(string beneficiary, BigInteger amount)
        {
            n++;
            var quote = await api.Payments.QuoteAsync(beneficiary);
            await api.Payments.PaidAsync("ethereum", TxHash(n), 100 + n, quote.Id, Alice, beneficiary, amount, PaidAt);
            if (beneficiary == Carol)
            {
                payments.Add(TxHash(n));
            }
            return await api.Payments.MatchedAsync("ethereum", TxHash(n), 100 + n);
        }
        var completed = await CreditAsync(Carol, OneOzEthDue);
        await api.Payments.CompletedAsync(await api.Payments.SubmittedAsync(completed, TxHash(0xf1)), block: 4242, purchasedNoz: 1_000_000_007);
        ids.Add(completed);
        await api.Payments.CompletedAsync(await api.Payments.SubmittedAsync(await CreditAsync(Bob, OneOzEthDue), TxHash(0xf2)), 4243, null);
        ids.Add(await CreditAsync(Carol, OneOzEthDue / 2));
        ids.Add(await CreditAsync(Carol, OneOzEthDue));
        return (ids, payments);
    }

    [Fact]
    public async Task A_wallets_credits_page_newest_first_with_the_payment_the_prepay_and_the_Ozone_bought()
    {
        await using var api = await InProcessApi.StartAsync("api_wallet_credits", ApiChains.Settings);
        var (carol, payments) = await SeedCarolAsync(api);

        var first = await PageAsync(api, $"/v1/wallets/{Carol}/credits?limit=2");
        var second = await PageAsync(api, $"/v1/wallets/{Carol}/credits?limit=2&before={first.Next}");
        var all = await PageAsync(api, $"/v1/wallets/{Carol}/credits");

        Assert.Equal(carol[1].ToString(System.Globalization.CultureInfo.InvariantCulture), first.Next);
        Assert.Null(second.Next);
        Assert.Null(all.Next);
        var ids = first.Credits.Concat(second.Credits).Select(c => c["id"]!.GetValue<long>()).ToList();
        Assert.Equal(carol.AsEnumerable().Reverse(), ids);
        Assert.Equal(ids, all.Credits.Select(c => c["id"]!.GetValue<long>()));

        var completed = all.Credits[2];
        Assert.Equal("completed", completed["status"]!.GetValue<string>());
        Assert.Matches("^0x[0-9a-f]{64}$", completed["quoteId"]!.GetValue<string>());
        Assert.Equal("ethereum", completed["payment"]!["chain"]!.GetValue<string>());
        Assert.Equal(payments[0], completed["payment"]!["txHash"]!.GetValue<string>());
        Assert.Equal("ETH", completed["payment"]!["asset"]!.GetValue<string>());
        Assert.Equal("84166666668", completed["payment"]!["amount"]!["baseUnits"]!.GetValue<string>());
        Assert.Equal("0.000000084166666668", completed["payment"]!["amount"]!["value"]!.GetValue<string>());
        Assert.Equal("paid", completed["payment"]!["outcome"]!.GetValue<string>());
        Assert.Equal(TxHash(0xf1), completed["txHash"]!.GetValue<string>());
        Assert.Equal(4242, completed["blockNumber"]!.GetValue<long>());
        Assert.Equal(OneOzStosWei.ToString(), completed["stosWei"]!.GetValue<string>());
        Assert.Equal("1000000000", completed["quotedNoz"]!.GetValue<string>());
        Assert.Equal("1", completed["quotedOz"]!.GetValue<string>());
        Assert.Equal("1000000007", completed["purchasedNoz"]!.GetValue<string>());
        Assert.Equal("1.000000007", completed["purchasedOz"]!.GetValue<string>());
        Assert.NotNull(completed["completedAt"]);
        Assert.Null(completed["lastError"]);

        var underPaid = all.Credits[1];
        Assert.Equal("ready", underPaid["status"]!.GetValue<string>());
        Assert.Equal(payments[1], underPaid["payment"]!["txHash"]!.GetValue<string>());
        Assert.Equal("under-paid", underPaid["payment"]!["outcome"]!.GetValue<string>());
        Assert.Equal((OneOzEthDue / 2).ToString(), underPaid["payment"]!["amount"]!["baseUnits"]!.GetValue<string>());
        // the payment's share of the quoted STOS at the locked rate, rounded down; no quoted Ozone for a share
        Assert.Equal((OneOzStosWei * (OneOzEthDue / 2) / OneOzEthDue).ToString(), underPaid["stosWei"]!.GetValue<string>());
        Assert.Null(underPaid["quotedNoz"]);
        Assert.Null(underPaid["quotedOz"]);
        Assert.Null(underPaid["txHash"]);
        Assert.Null(underPaid["blockNumber"]);
        Assert.Null(underPaid["purchasedNoz"]);
        Assert.Null(underPaid["completedAt"]);
    }

    [Fact]
    public async Task A_wallet_is_found_by_any_0x_spelling_or_its_st1_form_and_an_unknown_one_has_an_empty_last_page()
    {
        await using var api = await InProcessApi.StartAsync("api_wallet_credit_spelling", ApiChains.Settings);
        var (carol, _) = await SeedCarolAsync(api);

        var lower = await PageAsync(api, $"/v1/wallets/{Carol.ToLowerInvariant()}/credits");
        var bech32 = await PageAsync(api, $"/v1/wallets/{StratosAddress.Parse(Carol).Bech32}/credits");
        var bob = await PageAsync(api, $"/v1/wallets/{Bob}/credits");
        var nobody = await PageAsync(api, $"/v1/wallets/{Dave}/credits");
        var beforeAll = await PageAsync(api, $"/v1/wallets/{Carol}/credits?before={carol.Min()}");

        Assert.Equal(carol.AsEnumerable().Reverse(), lower.Credits.Select(c => c["id"]!.GetValue<long>()));
        Assert.Equal(carol.AsEnumerable().Reverse(), bech32.Credits.Select(c => c["id"]!.GetValue<long>()));
        Assert.Equal("completed", Assert.Single(bob.Credits)["status"]!.GetValue<string>());
        Assert.Empty(nobody.Credits);
        Assert.Null(nobody.Next);
        Assert.Empty(beforeAll.Credits);
        Assert.Null(beforeAll.Next);
    }
}
