using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Deploy;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Migration;

/// <summary>
/// The refund path on anvil, through the service: a lock the destination vault refuses for good fails; an operator asks for a
/// refund; the destination vault cancels the lock's id (nothing paid), the source vault pays the sender back; a later release
/// of that lock is refused. Its own chains: the test changes the Ethereum vault's limits through the timelock.
/// </summary>
public class RefundPathTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;
    private const int Confirmations = 2;

    [Fact]
    public async Task A_lock_that_fails_for_good_is_cancelled_on_the_destination_and_refunded_on_the_source_never_released()
    {
        var ethVault = bridge.EthereumDeployment.Vaults["stratos"];
        var stratosVault = bridge.StratosDeployment.Vaults["ethereum"];
        var token = bridge.EthereumDeployment.StosToken!.Value;
        // The Ethereum vault's admin (its timelock) lets it take locks above what the Stratos vault releases (5 STOS): the
        // inconsistency the deployer refuses, made later by the admin.
        var admin = new TimelockAdmin(new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Settings.Deployer, 1), bridge.EthereumDeployment.Timelock);
        await admin.RunAsync(ethVault, new StosVaultContract.SetReleaseCapFunction { ReleaseCap = 20 * Stos }.GetCallData());
        var fee = Stos / 100;
        await admin.RunAsync(ethVault, new StosVaultContract.SetLockLimitsFunction { MinLock = Stos / 10, MaxLock = 20 * Stos, Fee = fee }.GetCallData());

        var (service, url, db) = await BridgeService.StartWithUrlAsync(bridge, "refund_path", Confirmations,
            extra: AdminSettings.With(new Dictionary<string, string?>
            {
                ["Relay:Backoff"] = "00:00:00.200", ["Watchers:PairCheckInterval"] = "00:00:01",
            }));
        await using var _ = db;
        await using var __ = service;

        // the watchers saw the timelock schedule both calls, and see the pair drift
        await Eventually.HoldsAsync(() => Task.FromResult(service.Alarms.Count(a => a.Contains("scheduled a call to", StringComparison.Ordinal)
                                                                                  && a.Contains(ethVault.ToString(), StringComparison.Ordinal)) >= 2),
            TimeSpan.FromSeconds(30), $"an ALARM for each call the ethereum timelock scheduled\n{service.OutputTail}");
        // the watchers see the pair drift
        await Eventually.HoldsAsync(() => Task.FromResult(service.Alarms.Any(a => a.Contains("vault pair", StringComparison.Ordinal)
                                                                                && a.Contains("accepts locks up to", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), $"an ALARM that the ethereum vault accepts locks stratos cannot release\n{service.OutputTail}");

        using (var client = new HttpClient { BaseAddress = url })
        {
            var route = JsonNode.Parse(await client.GetStringAsync("/v1/routes"))!["routes"]!.AsArray()
                .Single(r => r!["source"]!.GetValue<string>() == "ethereum" && r["dest"]!.GetValue<string>() == "stratos")!;
            Assert.Equal(fee.ToString(), route["fee"]!.GetValue<string>());
            Assert.Equal((20 * Stos).ToString(), route["maxLock"]!.GetValue<string>());
            Assert.Equal((5 * Stos).ToString(), route["releaseCap"]!.GetValue<string>());
            Assert.Equal(ethVault.ToString(), route["sourceVault"]!.GetValue<string>());
        }

        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        var recipient = EthKey.Generate().Address;
        var amount = 6 * Stos;
        await holder.SendAsync(token, Erc20Contract.EncodeApprove(ethVault, amount));
        var before = await TokenBalanceAsync(token, bridge.Holder.Address);
        var lockTx = (await holder.SendAsync(ethVault, StosVaultContract.EncodeLock(amount, recipient))).TransactionHash;
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, lockTx) == "failed", TimeSpan.FromSeconds(60),
            $"the transfer to fail for good (ReleaseCapExceeded on stratos)\n{service.OutputTail}");
        Assert.Equal(before - amount, await TokenBalanceAsync(token, bridge.Holder.Address));

        var id = await BridgeService.CountAsync(db,
            $"SELECT t.id FROM transfers t JOIN source_events e ON e.id = t.source_event_id WHERE e.tx_hash = '{lockTx.ToLowerInvariant()}'");
        using (var refused = await PrepayHarness.AdminPostAsync(url, $"/v1/admin/transfers/{id}/refund", new { @operator = "alice" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }
        using (var ok = await PrepayHarness.AdminPostAsync(url, $"/v1/admin/transfers/{id}/refund",
                   new { @operator = "alice", reason = "the Stratos vault will never release 6 STOS" }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("cancelling", JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["state"]!.GetValue<string>());
        }
        using (var again = await PrepayHarness.AdminPostAsync(url, $"/v1/admin/transfers/{id}/refund", new { @operator = "alice", reason = "twice" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        await Eventually.HoldsAsync(async () =>
        {
            // both chains move on, so the cancel and then the refund become final
            await bridge.Stratos.RpcAsync("anvil_mine", "0x1");
            await bridge.Ethereum.RpcAsync("anvil_mine", "0x1");
            return await BridgeService.StatusAsync(db, lockTx) == "refunded";
        }, TimeSpan.FromSeconds(90), $"the transfer to be cancelled on stratos and refunded on ethereum\n{service.OutputTail}");

        Assert.Equal(before - fee, await TokenBalanceAsync(token, bridge.Holder.Address)); // the route fee is kept
        Assert.Equal(BigInteger.Zero, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        var nonce = (ulong)await BridgeService.CountAsync(db,
            $"SELECT (payload->>'nonce')::bigint FROM source_events WHERE tx_hash = '{lockTx.ToLowerInvariant()}'");
        var release = new VaultRelease(1, ethVault, nonce, recipient, amount - fee);
        Assert.Equal(StosVaultContract.CancelledContent,
            await bridge.StratosRpc.QueryAsync<byte[]>(stratosVault, new StosVaultContract.UsedContentFunction { SourceEventId = release.Id }));
        Assert.True(await bridge.EthereumRpc.QueryAsync<bool>(ethVault, new StosVaultContract.RefundedFunction { LockNonce = nonce }));

        // a later release attempt is refused: never both refunded and released
        var relayer = new EvmDirectSubmitter(bridge.StratosRpc, bridge.Relayer, 2048);
        var late = await Assert.ThrowsAsync<ContractRevertedException>(() => relayer.SendAsync(stratosVault,
            StosVaultContract.EncodeRelease(release, [StosVaultContract.SignRelease(bridge.Attester, 2048, stratosVault, release)]),
            binding: StosVaultContract.Binding));
        Assert.Equal("SourceEventAlreadyUsed", late.ErrorName);

        using var http = new HttpClient { BaseAddress = url };
        var shown = JsonNode.Parse(await http.GetStringAsync($"/v1/transfers/ethereum/{lockTx}"))!["transfers"]![0]!;
        Assert.Equal("refunded", shown["state"]!.GetValue<string>());
        var states = shown["timeline"]!.AsArray().Select(s => s!["state"]!.GetValue<string>()).ToList();
        Assert.Contains("failed", states);
        Assert.Contains("cancelling", states);
        Assert.Contains("refunding", states);
        Assert.Contains(shown["timeline"]!.AsArray(), s => s!["state"]!.GetValue<string>() == "cancelling"
            && s["note"]?.GetValue<string>() == "refund requested: the Stratos vault will never release 6 STOS");
        Assert.Equal(1, await BridgeService.CountAsync(db,
            $"SELECT count(*) FROM timeline WHERE subject = 'transfer' AND subject_id = {id} AND actor = 'operator:alice' AND status = 'cancelling'"));

        // value leaving a vault outside release/refund/claim/sweep (here: its coin taken away) is a shortfall the watchers see
        await bridge.Stratos.RpcAsync("anvil_setBalance", stratosVault.ToLowerHex(), "0x0");
        await Eventually.HoldsAsync(() => Task.FromResult(service.Alarms.Any(a => a.Contains("shortfall", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), $"an ALARM that the stratos vault holds less than it owes\n{service.OutputTail}");
    }

    private Task<BigInteger> TokenBalanceAsync(EthAddress token, EthAddress account) =>
        bridge.EthereumRpc.QueryAsync<BigInteger>(token, new Erc20Contract.BalanceOfFunction { Account = account.ToLowerHex() });

}
