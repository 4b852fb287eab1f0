using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Deploy;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Migration;

/// <summary>
/// A transfer whose relay keeps failing shows its attempt count in the transfer API, and after
/// <c>Relay:AlarmAfterAttempts</c> failed attempts each further try is an <c>ALARM</c>; it is released once the cause is gone.
/// </summary>
public class RelayAttemptsTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;

    [Fact]
    public async Task A_transfer_refused_again_and_again_shows_its_attempts_and_raises_an_alarm_after_the_configured_number()
    {
        var (service, url, db) = await BridgeService.StartWithUrlAsync(bridge, "relay_attempts", confirmations: 2,
            extra: new Dictionary<string, string?>
            {
                ["Relay:AlarmAfterAttempts"] = "2", ["Relay:Backoff"] = "00:00:00.100", ["Relay:MaxBackoff"] = "00:00:01",
            });
        await using var _ = db;
        await using var __ = service;
        using var http = new HttpClient { BaseAddress = url };
        var stratosVault = bridge.StratosDeployment.Vaults["ethereum"];
        var pauser = new EvmDirectSubmitter(bridge.StratosRpc, bridge.Settings.Deployer, 2048);
        var admin = new TimelockAdmin(pauser, bridge.StratosDeployment.Timelock); // pausers cannot unpause: the timelock does
        await pauser.SendAsync(stratosVault, new StosVaultContract.PauseFunction().GetCallData());
        try
        {
            var vault = bridge.EthereumDeployment.Vaults["stratos"];
            var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
            await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, Stos));
            var lockTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(Stos, EthKey.Generate().Address))).TransactionHash;
            await bridge.Ethereum.RpcAsync("anvil_mine", "0x3");

            await Eventually.HoldsAsync(() => Task.FromResult(service.Alarms.Any(l => l.Contains("relay attempts", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(90), $"an ALARM after two failed relay attempts\n{service.OutputTail}");
            using var answer = await http.GetAsync($"/v1/transfers/ethereum/{lockTx}");
            var transfer = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["transfers"]![0]!;
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("finalized", transfer["state"]!.GetValue<string>());
            Assert.True(transfer["attempts"]!.GetValue<int>() >= 2, transfer.ToJsonString());

            await admin.UnpauseAsync(stratosVault);
            await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, lockTx) == "completed", TimeSpan.FromSeconds(60),
                $"the release once the vault is unpaused\n{service.OutputTail}");
        }
        finally
        {
            if (await bridge.StratosRpc.QueryAsync<bool>(stratosVault, new StosVaultContract.PausedFunction()))
            {
                await admin.UnpauseAsync(stratosVault);
            }
        }
    }
}
