using System.Numerics;
using System.Text.RegularExpressions;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Stratos;
using StratosBridge.Chains.Stratos.Prepay;
using StratosBridge.Pricing.Ozone;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Stratos;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Tests.Integration.Ops;

/// <summary>ops/devnet on its own folder and free ports (<see cref="PrivateDevnet"/>, never the developer's devnet): up, status, down.</summary>
public sealed class DevnetScriptTests
{
    [Fact]
    public async Task Up_shows_postgres_three_chains_solana_the_price_fakes_the_stratos_companion_and_the_stripe_fake_and_down_leaves_no_process_running()
    {
        await using var devnet = new PrivateDevnet();
        var (dir, env) = (devnet.Dir, devnet.Env);
        var script = PrivateDevnet.Script("devnet");
        // A generous limit: the first `up` of a clean clone makes a PostgreSQL cluster and deploys every contract.
        await devnet.DevnetAsync("up", TimeSpan.FromMinutes(10));
        var status = await ToolRunner.RunAsync(script, ["status"], environment: env);

        Assert.Matches(new Regex($@"postgres\s+{env["DEVNET_PG_PORT"]}\s+\d+\s+accepting connections"), status);
        Assert.Matches(new Regex($@"ethereum\s+{env["DEVNET_ETHEREUM_PORT"]}\s+\d+\s+eth_chainId 1\b"), status);
        Assert.Matches(new Regex($@"bsc\s+{env["DEVNET_BSC_PORT"]}\s+\d+\s+eth_chainId 56\b"), status);
        Assert.Matches(new Regex($@"stratos\s+{env["DEVNET_STRATOS_PORT"]}\s+\d+\s+eth_chainId 2048\b"), status);
        Assert.Matches(new Regex($@"solana\s+{env["DEVNET_SOLANA_PORT"]}\s+\d+\s+getHealth ok"), status);
        Assert.Matches(new Regex($@"prices\s+{env["DEVNET_PRICES_PORT"]}\s+\d+\s+answers noz_price"), status);
        Assert.Matches(new Regex($@"stratos-companion\s+{env["DEVNET_STRATOS_COMPANION_PORT"]}\s+\d+\s+answers noz_price and user_requestGetOzone"), status);
        Assert.Matches(new Regex($@"stripe\s+{env["DEVNET_STRIPE_PORT"]}\s+\d+\s+answers the Stripe API"), status);
        var pids = Regex.Matches(status, @"^[\w-]+\s+\d+\s+(\d+)\s", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(8, pids.Count);
        var devnetEnv = await File.ReadAllTextAsync(Path.Combine(dir, "devnet.env"));
        Assert.Contains("Chains__stratos__RpcUrl=http://127.0.0.1:" + env["DEVNET_STRATOS_PORT"], devnetEnv);
        Assert.Contains("Solana__RpcUrl=http://127.0.0.1:" + env["DEVNET_SOLANA_PORT"], devnetEnv);
        var companion = new Uri($"http://127.0.0.1:{env["DEVNET_STRATOS_COMPANION_PORT"]}/");
        Assert.Contains($"Pricing__Stratos__RestUrl={companion}", devnetEnv);
        Assert.Contains($"Pricing__Sources__gate__BaseUrl=http://127.0.0.1:{env["DEVNET_PRICES_PORT"]}/gate/", devnetEnv);
        Assert.Contains($"Stripe__BaseUrl=http://127.0.0.1:{env["DEVNET_STRIPE_PORT"]}/", devnetEnv);
        Assert.Contains("Fiat__Enabled=true", devnetEnv);
        Assert.Matches(new Regex(@"^Stripe__SecretKey=sk_test_devnet[0-9a-f]{24}$", RegexOptions.Multiline), devnetEnv);
        Assert.Matches(new Regex(@"^Stripe__WebhookSecrets__0=whsec_devnet[0-9a-f]{24}$", RegexOptions.Multiline), devnetEnv);

        var deployment = await File.ReadAllTextAsync(Path.Combine(dir, "deployment.json"));
        using (var json = System.Text.Json.JsonDocument.Parse(deployment))
        {
            var chains = json.RootElement.GetProperty("Chains");
            Assert.Matches("^0x[0-9a-fA-F]{40}$", chains.GetProperty("ethereum").GetProperty("Contracts").GetProperty("Vaults").GetProperty("stratos").GetString());
            Assert.Matches("^0x[0-9a-fA-F]{40}$", chains.GetProperty("bsc").GetProperty("Contracts").GetProperty("OzonePayments").GetString());
            var stratosVaults = chains.GetProperty("stratos").GetProperty("Contracts").GetProperty("Vaults");
            Assert.Equal(["bsc", "ethereum"], stratosVaults.EnumerateObject().Select(p => p.Name).Order().ToArray());
        }
        Assert.Contains("Deployment__File=" + Path.Combine(dir, "deployment.json"), await File.ReadAllTextAsync(Path.Combine(dir, "devnet.env")));

        await PrepayIsAppliedAsync(new Uri($"http://127.0.0.1:{env["DEVNET_STRATOS_PORT"]}"), companion);

        var again = await ToolRunner.RunAsync(script, ["up"], environment: env); // idempotent: already running and deployed
        Assert.Contains("contracts already deployed", again);
        Assert.Contains("stratos-companion already running", again);
        Assert.Contains("stripe already running", again);
        await ToolRunner.RunAsync(script, ["down"], environment: env);

        Assert.All(pids, pid => Assert.False(PrivateDevnet.IsRunning(pid), $"pid {pid} still runs"));
        var after = await Assert.ThrowsAsync<InvalidOperationException>(() => ToolRunner.RunAsync(script, ["status"], environment: env));
        Assert.Contains("down", after.Message);
    }

    /// <summary>runMsg(MsgPrepay) on the devnet's stratos (1 s blocks) is applied by the companion the devnet started.</summary>
    private static async Task PrepayIsAppliedAsync(Uri stratosRpc, Uri companion)
    {
        var rpc = new EvmRpcClient(new HttpClient { BaseAddress = stratosRpc });
        var payer = EthKey.FromHex(AnvilNode.DevKeys[4]);
        var beneficiary = EthKey.Generate().Address;
        var rest = new StratosRestClient(new HttpClient { BaseAddress = companion });
        var expected = await rest.SimPrepayAsync(BigInteger.Pow(10, 20), null, CancellationToken.None);

        var receipt = await new EvmDirectSubmitter(rpc, payer, 2048).SendAsync(StratosSystemContract.Address,
            StratosSystemContract.EncodeRunMsg(StratosPrepay.EncodeAny(payer.Address, beneficiary, BigInteger.Pow(10, 20))),
            binding: StratosSystemContract.Binding);

        var noz = await Eventually.HoldsAsync(() => rest.PurchasedNozAsync(receipt.TransactionHash, CancellationToken.None),
            n => n is not null, TimeSpan.FromSeconds(120), "the companion to index the prepay");
        Assert.Equal(expected, noz);
        Assert.Equal(expected, await StratosDevnetCompanion.RequestOzoneAsync(companion, beneficiary));
    }
}
