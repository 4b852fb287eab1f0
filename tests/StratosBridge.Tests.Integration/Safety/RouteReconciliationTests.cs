using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Safety;

/// <summary>
/// Reconciliation of a route: while every release goes through the bridge the route's check passes; STOS released by hand
/// from the Stratos vault outside the bridge makes locked ≠ released + open, which pauses the route within one cycle
/// (with an <c>ALARM</c> and the numbers on the status), holds new transfers, and only an operator clears it.
/// </summary>
public class RouteReconciliationTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;
    private const int Confirmations = 2;
    private const string Route = "route:ethereum>stratos";

    [Fact]
    public async Task Stos_released_by_hand_outside_the_bridge_pauses_the_route_until_an_operator_clears_it()
    {
        var (service, url, db) = await BridgeService.StartWithUrlAsync(bridge, "reconcile_route", Confirmations,
            extra: SafetyApi.AdminToken(new Dictionary<string, string?>
            {
                ["Safety:ReconciliationCron"] = "*/2 * * * * *", ["Safety:ConfirmDelay"] = "00:00:01",
            }));
        await using var _ = db;
        await using var __ = service;
        using var api = new SafetyApi(url);

        var firstTx = await LockAsync(2 * Stos, EthKey.Generate().Address);
        try
        {
            await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, firstTx) == "completed", TimeSpan.FromSeconds(180),
                "the first transfer");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await BridgeService.DescribeAsync(db)}\npauses: {await api.PausesInForceAsync()}\n" +
                                       $"{service.OutputTail}", e);
        }
        var passing = await Eventually.HoldsAsync(() => api.CheckAsync(Route), c => c is not null && c["ok"]!.GetValue<bool>()
                                                                              && c["numbers"]!["released"]!.GetValue<string>() == (2 * Stos).ToString(),
            TimeSpan.FromSeconds(60), $"the route's check to pass with the release counted\n{service.OutputTail}");
        Assert.Equal("0", passing!["difference"]!.GetValue<string>());
        Assert.Equal((2 * Stos).ToString(), passing["numbers"]!["locked"]!.GetValue<string>());
        var early = await api.PausesInForceAsync(); // no breach while every release went through the bridge
        Assert.True(early.Count == 0, $"paused before any release outside the bridge: {early.ToJsonString()}\n" +
                                      $"{(await api.StatusAsync())["reconciliation"]!.ToJsonString()}\n{service.OutputTail}");

        // The relayer and attester keys release 1 STOS from the Stratos vault for a lock that never happened.
        var stratosVault = bridge.StratosDeployment.Vaults["ethereum"];
        var forged = new VaultRelease(1, bridge.EthereumDeployment.Vaults["stratos"], 1_000_000, EthKey.Generate().Address, Stos);
        await new EvmDirectSubmitter(bridge.StratosRpc, bridge.Relayer, 2048).SendAsync(stratosVault,
            StosVaultContract.EncodeRelease(forged, [StosVaultContract.SignRelease(bridge.Attester, 2048, stratosVault, forged)]),
            binding: StosVaultContract.Binding);

        var pauses = await Eventually.HoldsAsync(api.PausesInForceAsync, p => p.Count == 1, TimeSpan.FromSeconds(60),
            $"the breach to pause the route\n{service.OutputTail}");
        var pause = pauses[0]!;
        Assert.Equal("reconciliation", pause["origin"]!.GetValue<string>());
        Assert.Equal("route ethereum → stratos", pause["covers"]!.GetValue<string>());
        Assert.Equal((-Stos).ToString(), pause["detail"]!["difference"]!.GetValue<string>());
        Assert.Contains(service.Alarms, a => a.Contains("reconciliation breach on route ethereum → stratos", StringComparison.Ordinal));
        var breached = (await api.CheckAsync(Route))!;
        Assert.False(breached["ok"]!.GetValue<bool>());
        Assert.Equal((3 * Stos).ToString(), breached["numbers"]!["released"]!.GetValue<string>());
        Assert.Equal((2 * Stos).ToString(), breached["numbers"]!["locked"]!.GetValue<string>());

        var heldTx = await LockAsync(Stos, EthKey.Generate().Address);
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, heldTx) == "finalized", TimeSpan.FromSeconds(90),
            $"the next lock to be finalized\n{service.OutputTail}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal("finalized", await BridgeService.StatusAsync(db, heldTx));
        // still breached with the new lock open: locked 3 = released 3 + open 1 − 1
        Assert.Single(await api.PausesInForceAsync());

        using (var resumed = await api.ResumeAsync(pause["id"]!.GetValue<long>(),
                   new { @operator = "carol", reason = "1 STOS released by hand in the incident drill; accepted" }))
        {
            Assert.Equal(200, (int)resumed.StatusCode);
        }
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, heldTx) == "completed", TimeSpan.FromSeconds(90),
            $"the held transfer to complete once cleared\n{service.OutputTail}");
        var cleared = await Eventually.HoldsAsync(() => api.CheckAsync(Route),
            c => c is not null && c["ok"]!.GetValue<bool>() && c["numbers"]!["released"]!.GetValue<string>() == (4 * Stos).ToString(),
            TimeSpan.FromSeconds(60), $"the route's check to pass again with the accepted difference\n{service.OutputTail}");
        Assert.Equal((-Stos).ToString(), cleared!["accepted"]!.GetValue<string>());
        Assert.Empty(await api.PausesInForceAsync());
    }

    private Task<string> LockAsync(BigInteger amount, EthAddress recipient) => BridgeLocks.LockAsync(bridge, amount, recipient, Confirmations);
}
