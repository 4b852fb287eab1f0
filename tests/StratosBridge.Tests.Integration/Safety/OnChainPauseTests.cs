using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Deploy;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Safety;

/// <summary>
/// A vault paused on-chain is seen by the on-chain pause watch: shown as a pause of its route (origin on-chain) with an
/// <c>ALARM</c>, no release is attempted while it lasts, an operator cannot resume it through the API, and once the vault is
/// unpaused the service resumes its own pause and the held transfer is released.
/// </summary>
public class OnChainPauseTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;
    private const int Confirmations = 2;

    [Fact]
    public async Task A_vault_paused_on_chain_pauses_its_route_until_it_is_unpaused()
    {
        var (service, url, db) = await BridgeService.StartWithUrlAsync(bridge, "onchain_pause", Confirmations,
            extra: SafetyApi.AdminToken(new Dictionary<string, string?> { ["Safety:OnChainPauseCron"] = "* * * * * *" }));
        await using var _ = db;
        await using var __ = service;
        using var api = new SafetyApi(url);
        var stratosVault = bridge.StratosDeployment.Vaults["ethereum"];
        var pauser = new EvmDirectSubmitter(bridge.StratosRpc, bridge.Settings.Deployer, 2048);
        var admin = new TimelockAdmin(pauser, bridge.StratosDeployment.Timelock);
        await pauser.SendAsync(stratosVault, new StosVaultContract.PauseFunction().GetCallData());
        try
        {
            var shown = await Eventually.HoldsAsync(api.PausesInForceAsync, p => p.Count == 1, TimeSpan.FromSeconds(60),
                $"the on-chain pause to be shown\n{service.OutputTail}");
            var pause = shown[0]!;
            Assert.Equal("on-chain", pause["origin"]!.GetValue<string>());
            Assert.Equal("route ethereum → stratos", pause["covers"]!.GetValue<string>());
            Assert.Contains(stratosVault.ToString(), pause["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains(service.Alarms, a => a.Contains("paused on-chain", StringComparison.Ordinal));
            using (var refused = await api.ResumeAsync(pause["id"]!.GetValue<long>(), new { @operator = "alice", reason = "try" }))
            {
                Assert.Equal(409, (int)refused.StatusCode);
                Assert.Equal("pause-on-chain", (await SafetyApi.JsonAsync(refused))["code"]!.GetValue<string>());
            }

            var recipient = EthKey.Generate().Address;
            var lockTx = await BridgeLocks.LockAsync(bridge, Stos, recipient, Confirmations);
            await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, lockTx) == "finalized", TimeSpan.FromSeconds(90),
                $"the lock to be finalized\n{service.OutputTail}");
            await Task.Delay(TimeSpan.FromSeconds(3)); // many relay rounds: none tries the paused vault
            Assert.Equal(0, await BridgeService.CountAsync(db, "SELECT coalesce(sum(attempts), 0)::bigint FROM transfers"));
            Assert.DoesNotContain(service.Alarms, a => a.Contains("refuses releases", StringComparison.Ordinal));

            await admin.UnpauseAsync(stratosVault);
            await Eventually.HoldsAsync(async () => (await api.PausesInForceAsync()).Count == 0, TimeSpan.FromSeconds(60),
                $"the service to resume its on-chain pause\n{service.OutputTail}");
            await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, lockTx) == "completed", TimeSpan.FromSeconds(90),
                $"the held transfer to complete\n{service.OutputTail}");
            Assert.Equal(Stos, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
            Assert.Equal(1, await BridgeService.CountAsync(db,
                "SELECT count(*) FROM pauses WHERE origin = 'on-chain' AND resumed_by = 'system:on-chain' AND resume_reason LIKE '%unpaused%'"));
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
