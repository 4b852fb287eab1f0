using System.Net;
using System.Text.Json.Nodes;

namespace StratosBridge.Tests.Integration.Api;

public sealed class ChainEndpointsTests
{
    [Fact]
    public async Task Chains_show_contracts_finality_and_progress_and_never_an_rpc_url()
    {
        await using var api = await InProcessApi.StartAsync("api_chains", ApiChains.Settings);
        var seen = DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await api.Seed.HeadAsync("ethereum", head: 1000, finalized: 968, "watcher-a", seen);
        await api.Seed.HeadAsync("bsc", head: 501, finalized: null, "watcher-b", seen.AddSeconds(3));
        foreach (var block in new long[] { 990, 999, 995 })
        {
            await api.Seed.CheckpointAsync("ethereum", block);
        }
        await api.Seed.CheckpointAsync("stratos", 12);

        var (status, _, body, raw) = await api.GetAsync("/v1/chains");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(ApiChains.ProviderKey, raw);
        Assert.DoesNotContain("rpc.example", raw);
        Assert.DoesNotContain("rpcUrl", raw, StringComparison.OrdinalIgnoreCase);
        var chains = body["chains"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        Assert.Equal(["bsc", "ethereum", "stratos"], body["chains"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));

        var ethereum = chains["ethereum"];
        Assert.Equal(1, ethereum["chainId"]!.GetValue<long>());
        Assert.Equal("PT12S", ethereum["blockTime"]!.GetValue<string>());
        Assert.Equal("finalized-tag", ethereum["finality"]!["policy"]!.GetValue<string>());
        Assert.Null(ethereum["finality"]!["confirmations"]);
        Assert.Equal(ApiChains.EthereumVault, ethereum["contracts"]!["vaults"]!["stratos"]!.GetValue<string>());
        Assert.Equal(ApiChains.StosToken, ethereum["contracts"]!["stosToken"]!.GetValue<string>());
        Assert.Equal(ApiChains.EthereumOzonePayments, ethereum["contracts"]!["ozonePayments"]!.GetValue<string>());
        Assert.Null(ethereum["contracts"]!["systemContract"]);
        Assert.Equal(42, ethereum["contracts"]!["fromBlock"]!.GetValue<long>());
        Assert.Equal(1000, ethereum["head"]!.GetValue<long>());
        Assert.Equal(968, ethereum["finalized"]!.GetValue<long>());
        Assert.Equal(999, ethereum["checkpoint"]!.GetValue<long>());
        Assert.Equal("watcher-a", ethereum["watcher"]!["instance"]!.GetValue<string>());
        Assert.Equal(seen, ethereum["watcher"]!["seenAt"]!.GetValue<DateTimeOffset>());

        var bsc = chains["bsc"];
        Assert.Equal(56, bsc["chainId"]!.GetValue<long>());
        Assert.Equal("PT3S", bsc["blockTime"]!.GetValue<string>());
        Assert.Equal("confirmations", bsc["finality"]!["policy"]!.GetValue<string>());
        Assert.Equal(3, bsc["finality"]!["confirmations"]!.GetValue<int>());
        Assert.Equal(501, bsc["head"]!.GetValue<long>());
        Assert.Null(bsc["finalized"]);
        Assert.Null(bsc["checkpoint"]);

        var stratos = chains["stratos"];
        Assert.Equal(0, stratos["finality"]!["confirmations"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, string>
        {
            ["bsc"] = ApiChains.StratosVaultForBsc,
            ["ethereum"] = ApiChains.StratosVaultForEthereum,
        }, stratos["contracts"]!["vaults"]!.AsObject().ToDictionary(v => v.Key, v => v.Value!.GetValue<string>()));
        Assert.Equal(ApiChains.SystemContract, stratos["contracts"]!["systemContract"]!.GetValue<string>());
        Assert.Null(stratos["contracts"]!["stosToken"]);
        Assert.Null(stratos["head"]);
        Assert.Null(stratos["watcher"]);
        Assert.Equal(12, stratos["checkpoint"]!.GetValue<long>());
    }

    [Fact]
    public async Task No_chain_configured_is_an_empty_list()
    {
        await using var api = await InProcessApi.StartAsync("api_no_chains", new Dictionary<string, string?>());

        var (status, _, body, _) = await api.GetAsync("/v1/chains");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body["chains"]!.AsArray());
    }

    [Fact]
    public async Task A_configured_block_explorer_is_shown_per_chain_and_a_template_without_the_hash_stops_start_up()
    {
        await using (var api = await InProcessApi.StartAsync("api_chains_explorers",
                         new Dictionary<string, string?>(ApiChains.Settings) { ["Pages:Explorers:ethereum"] = "https://etherscan.io/tx/{tx}" }))
        {
            var (status, _, body, _) = await api.GetAsync("/v1/chains");
            Assert.Equal(HttpStatusCode.OK, status);
            var chains = body["chains"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
            Assert.Equal("https://etherscan.io/tx/{tx}", chains["ethereum"]["explorerTxUrl"]!.GetValue<string>());
            Assert.Null(chains["bsc"]["explorerTxUrl"]);
        }

        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => InProcessApi.StartAsync(
            "api_chains_bad_explorer", new Dictionary<string, string?>(ApiChains.Settings) { ["Pages:Explorers:bsc"] = "https://bscscan.com/tx/" }));
        Assert.Equal("Pages:Explorers:bsc: 'https://bscscan.com/tx/' must be an http(s) URL with {tx} where the transaction hash goes",
            Assert.Single(failure.Failures));
    }
}
