using System.Numerics;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Migration;

/// <summary>
/// A native recipient that refuses the coin cannot block its batch: the release completes, the amount waits in the Stratos
/// vault as the recipient's claimable balance, and the transfer's timeline says so.
/// </summary>
public class ClaimableReleaseTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;
    private const int Confirmations = 2;

    [Fact]
    public async Task A_recipient_that_refuses_the_coin_gets_a_claimable_balance_and_the_transfer_completes()
    {
        var (service, url, db) = await BridgeService.StartWithUrlAsync(bridge, "claimable_release", Confirmations);
        await using var _ = db;
        await using var __ = service;
        var refusing = EthKey.Generate().Address;
        var welcome = EthKey.Generate().Address;
        await bridge.Stratos.RpcAsync("anvil_setCode", refusing.ToLowerHex(), "0x60006000fd"); // REVERT(0, 0) on any call
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, 3 * Stos));
        var refusedTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(Stos, refusing))).TransactionHash;
        var welcomeTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(2 * Stos, welcome))).TransactionHash;
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");

        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, refusedTx) == "completed"
                                                && await BridgeService.StatusAsync(db, welcomeTx) == "completed",
            TimeSpan.FromSeconds(60), $"both releases to complete\n{service.OutputTail}");
        var stratosVault = bridge.StratosDeployment.Vaults["ethereum"];
        Assert.Equal(Stos, await bridge.StratosRpc.QueryAsync<BigInteger>(stratosVault, new StosVaultContract.ClaimableFunction { Recipient = refusing.ToLowerHex() }));
        Assert.Equal(BigInteger.Zero, await bridge.NativeBalanceAsync(bridge.StratosRpc, refusing));
        Assert.Equal(2 * Stos, await bridge.NativeBalanceAsync(bridge.StratosRpc, welcome));

        using var http = new HttpClient { BaseAddress = url };
        var shown = JsonNode.Parse(await http.GetStringAsync($"/v1/transfers/ethereum/{refusedTx}"))!["transfers"]![0]!;
        Assert.Contains(shown["timeline"]!.AsArray(), s => s!["state"]!.GetValue<string>() == "completed"
                                                           && s["note"]!.GetValue<string>().Contains("claimable", StringComparison.Ordinal));
    }
}
