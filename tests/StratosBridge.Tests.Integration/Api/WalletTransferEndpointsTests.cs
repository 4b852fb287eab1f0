using System.Net;
using System.Text.Json.Nodes;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

public sealed class WalletTransferEndpointsTests
{
    /// <summary>Carol receives 4 and sends 3 (one of them to herself), among 3 transfers between others; returns Carol's ids.</summary>
    private static async Task<List<long>> SeedCarolAsync(InProcessApi api)
    {
        var carol = new List<long>();
        var n = 0;
        async Task<long> LockAsync(string chain, string sender, string recipient) =>
            await api.Seed.LockAsync(chain, TxHash(++n), 0, 100 + n, Stored(sender), Stored(recipient), n);
        carol.Add(await LockAsync("ethereum", Alice, Carol));
        await LockAsync("ethereum", Alice, Bob);
        carol.Add(await LockAsync("bsc", Carol, Bob));
        carol.Add(await LockAsync("ethereum", Dave, Carol));
        carol.Add(await LockAsync("ethereum", Carol, Carol));
        await LockAsync("bsc", Bob, Dave);
        carol.Add(await LockAsync("bsc", Bob, Carol));
        carol.Add(await LockAsync("ethereum", Carol, Alice));
        await LockAsync("ethereum", Dave, Alice);
        carol.Add(await LockAsync("bsc", Alice, Carol));
        return carol;
    }

    private static async Task<(List<JsonNode> Transfers, string? Next)> PageAsync(InProcessApi api, string path)
    {
        var (status, _, body, raw) = await api.GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {status} {raw}");
        return (body["transfers"]!.AsArray().Select(t => t!).ToList(), body["next"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_wallets_transfers_page_newest_first_through_the_cursor_as_recipient_or_sender()
    {
        await using var api = await InProcessApi.StartAsync("api_wallet_pages", ApiChains.Settings);
        var carol = await SeedCarolAsync(api);

        var pages = new List<List<JsonNode>>();
        string? next = null;
        do
        {
            var (transfers, cursor) = await PageAsync(api, $"/v1/wallets/{Carol}/transfers?limit=3" + (next is null ? "" : $"&before={next}"));
            pages.Add(transfers);
            next = cursor;
        }
        while (next is not null && pages.Count < 10);
        var all = await PageAsync(api, $"/v1/wallets/{Carol}/transfers");
        var exact = await PageAsync(api, $"/v1/wallets/{Carol}/transfers?limit=7");
        var short1 = await PageAsync(api, $"/v1/wallets/{Carol}/transfers?limit=6");

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        var ids = pages.SelectMany(p => p).Select(t => t["id"]!.GetValue<long>()).ToList();
        Assert.Equal(carol.OrderDescending(), ids);
        Assert.All(pages.SelectMany(p => p), t => Assert.True(
            t["sender"]!.GetValue<string>() == Carol || t["recipient"]!.GetValue<string>() == Carol, t.ToJsonString()));
        Assert.All(pages.SelectMany(p => p), t => Assert.Equal("pending", Assert.Single(t["timeline"]!.AsArray())!["state"]!.GetValue<string>()));
        Assert.Equal(ids, all.Transfers.Select(t => t["id"]!.GetValue<long>()));
        Assert.Null(all.Next);
        Assert.Equal(7, exact.Transfers.Count);
        Assert.Null(exact.Next);
        Assert.Equal(6, short1.Transfers.Count);
        Assert.Equal(ids[5].ToString(System.Globalization.CultureInfo.InvariantCulture), short1.Next);
    }

    [Fact]
    public async Task A_wallet_is_found_by_any_0x_spelling_or_its_st1_form_and_an_unknown_one_has_an_empty_last_page()
    {
        await using var api = await InProcessApi.StartAsync("api_wallet_spelling", ApiChains.Settings);
        var carol = await SeedCarolAsync(api);

        var checksummed = await PageAsync(api, $"/v1/wallets/{Carol}/transfers");
        var lower = await PageAsync(api, $"/v1/wallets/{Carol.ToLowerInvariant()}/transfers");
        var upper = await PageAsync(api, $"/v1/wallets/0x{Carol[2..].ToUpperInvariant()}/transfers");
        var bech32 = await PageAsync(api, $"/v1/wallets/{StratosBridge.Chains.Stratos.StratosAddress.Parse(Carol).Bech32}/transfers");
        var nobody = await PageAsync(api, "/v1/wallets/0x0000000000000000000000000000000000000001/transfers");
        var beforeAll = await PageAsync(api, $"/v1/wallets/{Carol}/transfers?before={carol.Min()}");

        Assert.Equal(carol.OrderDescending(), checksummed.Transfers.Select(t => t["id"]!.GetValue<long>()));
        Assert.Equal(carol.OrderDescending(), lower.Transfers.Select(t => t["id"]!.GetValue<long>()));
        Assert.Equal(carol.OrderDescending(), upper.Transfers.Select(t => t["id"]!.GetValue<long>()));
        Assert.Equal(carol.OrderDescending(), bech32.Transfers.Select(t => t["id"]!.GetValue<long>()));
        Assert.Empty(nobody.Transfers);
        Assert.Null(nobody.Next);
        Assert.Empty(beforeAll.Transfers);
        Assert.Null(beforeAll.Next);
    }

    [Fact]
    public async Task A_transfer_from_a_chain_no_longer_configured_is_listed_without_finality()
    {
        await using var api = await InProcessApi.StartAsync("api_wallet_old_chain", ApiChains.Settings);
        await api.Seed.HeadAsync("polygon", head: 2000, finalized: 1990, "watcher-old", DateTimeOffset.UtcNow);
        var id = await api.Seed.LockAsync("polygon", TxHash(0x77), 0, 1500, Stored(Alice), Stored(Dave), 9);

        var (transfers, next) = await PageAsync(api, $"/v1/wallets/{Dave}/transfers");
        var (status, _, body, _) = await api.GetAsync($"/v1/transfers/polygon/{TxHash(0x77)}");

        var only = Assert.Single(transfers);
        Assert.Equal(id, only["id"]!.GetValue<long>());
        Assert.Equal("polygon", only["source"]!["chain"]!.GetValue<string>());
        Assert.Null(only["confirmations"]!["current"]);
        Assert.Null(only["confirmations"]!["needed"]);
        Assert.Null(only["confirmations"]!["finality"]);
        Assert.Null(only["eta"]);
        Assert.Null(next);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("unsupported-chain", body["code"]!.GetValue<string>());
    }
}
