using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Rest;
using StratosBridge.Chains.Stratos;
using StratosBridge.Chains.Stratos.Prepay;
using StratosBridge.Chains.Stratos.Rest;
using StratosBridge.Core.Ozone;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Stratos;
using StratosBridge.Tests.Integration.Contracts;

namespace StratosBridge.Tests.Integration.Stratos;

/// <summary>
/// <c>runMsg(MsgPrepay)</c> sent to the SystemContract stand-in on a real anvil "stratos", applied by the devnet
/// companion, and read back through the service's own clients (Stratos REST, the Cosmos tx query, SDS RPC). The
/// expected noz comes from Core's <see cref="OzonePurchase"/> on the state before the prepay; the companion computes it
/// with the independent <see cref="LegacyDecReference"/>. Each test starts its own companion from the chain's head.
/// </summary>
public sealed class StratosDevnetCompanionTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>, IDisposable
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;

    private readonly string _stateFile = Path.Combine(Path.GetTempPath(), $"stratos-companion-{Guid.NewGuid():N}.json");

    private EvmRpcClient Rpc => bridge.StratosRpc;

    [Fact]
    public async Task A_prepay_moves_the_amount_to_the_unissued_prepay_account_and_credits_the_noz_of_the_chain_s_formula()
    {
        await using var companion = await StartAsync();
        var payer = await FundedKeyAsync(1000 * Stos);
        var beneficiary = EthKey.Generate().Address;
        var wei = 123 * Stos + 456_789;
        var before = companion.Ozone;
        var expected = OzonePurchase.Noz(before.RemainingNoz, before.TotalDeposit + before.UnissuedPrepay, wei);
        var moduleBefore = await BalanceAsync(StratosDevnetCompanion.UnissuedPrepayAccount);
        var payerBefore = await BalanceAsync(payer.Address);

        var receipt = await PrepayAsync(payer, StratosPrepay.EncodeAny(payer.Address, beneficiary, wei));
        await companion.SyncAsync();

        var prepay = Assert.Single(companion.Prepays);
        Assert.True(prepay.Applied, prepay.FailureReason);
        Assert.Equal(expected, prepay.PurchasedNoz);
        Assert.True(expected > 0);
        Assert.Equal(payerBefore - wei - GasCost(receipt), await BalanceAsync(payer.Address));
        Assert.Equal(moduleBefore + wei, await BalanceAsync(StratosDevnetCompanion.UnissuedPrepayAccount));
        Assert.Equal(expected, companion.OzoneBalance(beneficiary));
        Assert.Equal(before with { RemainingNoz = before.RemainingNoz - expected, UnissuedPrepay = before.UnissuedPrepay + wei, Height = receipt.BlockNumber.ToLong() },
            companion.Ozone);

        var rest = new StratosRestClient(new HttpClient { BaseAddress = companion.Url });
        Assert.Equal(expected, await rest.PurchasedNozAsync(receipt.TransactionHash, CancellationToken.None));
        Assert.Null(await rest.PurchasedNozAsync("0x" + new string('7', 64), CancellationToken.None));
        var probe = 1000 * Stos;
        Assert.Equal(OzonePurchase.Noz(before.RemainingNoz - expected, before.TotalDeposit + before.UnissuedPrepay + wei, probe),
            await rest.SimPrepayAsync(probe, null, CancellationToken.None));
        var (remaining, _, height) = await rest.NozSupplyAsync(null, CancellationToken.None);
        Assert.Equal(before.RemainingNoz - expected, remaining);
        Assert.Equal(receipt.BlockNumber.ToLong(), height);
        Assert.Equal(expected, await StratosDevnetCompanion.RequestOzoneAsync(companion.Url, beneficiary));
        Assert.Equal(BigInteger.Zero, await StratosDevnetCompanion.RequestOzoneAsync(companion.Url, payer.Address));
    }

    [Fact]
    public async Task A_prepay_whose_sender_is_not_the_caller_or_that_exceeds_the_balance_applies_nothing()
    {
        await using var companion = await StartAsync();
        var victim = await FundedKeyAsync(1000 * Stos);
        var payer = await FundedKeyAsync(2 * Stos);
        var beneficiary = EthKey.Generate().Address;
        var before = companion.Ozone;
        var (victimBefore, payerBefore, moduleBefore) =
            (await BalanceAsync(victim.Address), await BalanceAsync(payer.Address), await BalanceAsync(StratosDevnetCompanion.UnissuedPrepayAccount));

        var impersonation = await PrepayAsync(payer, StratosPrepay.EncodeAny(victim.Address, beneficiary, 10 * Stos));
        var tooMuch = await PrepayAsync(payer, StratosPrepay.EncodeAny(payer.Address, beneficiary, 3 * Stos));
        await companion.SyncAsync();

        Assert.Collection(companion.Prepays,
            p => Assert.Contains("NotAllowedSigner", p.FailureReason),
            p => Assert.Contains("insufficient funds", p.FailureReason));
        Assert.Equal(victimBefore, await BalanceAsync(victim.Address));
        Assert.Equal(payerBefore - GasCost(impersonation) - GasCost(tooMuch), await BalanceAsync(payer.Address));
        Assert.Equal(moduleBefore, await BalanceAsync(StratosDevnetCompanion.UnissuedPrepayAccount));
        Assert.Equal(BigInteger.Zero, companion.OzoneBalance(beneficiary));
        Assert.Equal(before with { Height = tooMuch.BlockNumber.ToLong() }, companion.Ozone);
        // The tx query reports what the chain would have: the EVM call reverted.
        var rest = new StratosRestClient(new HttpClient { BaseAddress = companion.Url });
        var refused = await Assert.ThrowsAsync<RestCallException>(() => rest.PurchasedNozAsync(impersonation.TransactionHash, CancellationToken.None));
        Assert.Equal(RestErrorKind.Refused, refused.Kind);
        Assert.Contains("execution reverted", refused.Message);
    }

    [Fact]
    public async Task A_restart_from_the_same_start_block_with_the_saved_state_applies_nothing_twice()
    {
        var start = await Rpc.BlockNumberAsync() + 1;
        var payer = await FundedKeyAsync(100 * Stos);
        var beneficiary = EthKey.Generate().Address;
        TransactionReceipt receipt;
        OzoneState applied;
        await using (var first = await StartAsync(start))
        {
            receipt = await PrepayAsync(payer, StratosPrepay.EncodeAny(payer.Address, beneficiary, 40 * Stos));
            await first.SyncAsync();
            applied = first.Ozone;
        }
        var (payerAfter, moduleAfter) = (await BalanceAsync(payer.Address), await BalanceAsync(StratosDevnetCompanion.UnissuedPrepayAccount));
        var remaining = applied.RemainingNoz;

        await using var second = await StartAsync(start);
        await second.SyncAsync();

        var prepay = Assert.Single(second.Prepays);
        Assert.Equal(receipt.TransactionHash, prepay.TxHash);
        Assert.Equal(payerAfter, await BalanceAsync(payer.Address));
        Assert.Equal(moduleAfter, await BalanceAsync(StratosDevnetCompanion.UnissuedPrepayAccount));
        Assert.Equal(remaining, second.Ozone.RemainingNoz);
        Assert.Equal(prepay.PurchasedNoz, second.OzoneBalance(beneficiary));
    }

    [Fact]
    public async Task Balance_writes_a_crash_interrupted_are_redone_at_start()
    {
        await using (await StartAsync())
        {
        }
        var account = EthKey.Generate().Address;
        // What the state holds when the process died between recording a prepay and writing its balances.
        var state = JsonNode.Parse(await File.ReadAllTextAsync(_stateFile))!;
        state["PendingWrites"] = new JsonArray(new JsonObject { ["Account"] = account.ToLowerHex(), ["Wei"] = "777" });
        await File.WriteAllTextAsync(_stateFile, state.ToJsonString());

        await using (await StartAsync())
        {
            Assert.Equal(new BigInteger(777), await BalanceAsync(account));
        }
        Assert.Empty(JsonNode.Parse(await File.ReadAllTextAsync(_stateFile))!["PendingWrites"]!.AsArray());
    }

    public void Dispose() => File.Delete(_stateFile);

    /// <summary>A companion with its own state file, reading from <paramref name="startBlock"/> (default: the block after the head).</summary>
    private async Task<StratosDevnetCompanion> StartAsync(long? startBlock = null) =>
        await StratosDevnetCompanion.StartAsync(new StratosCompanionOptions(bridge.Stratos.RpcUrl)
        {
            StateFile = _stateFile,
            StartBlock = startBlock ?? await Rpc.BlockNumberAsync() + 1,
            PollInterval = TimeSpan.FromHours(1), // the test drives SyncAsync itself
        });

    private async Task<EthKey> FundedKeyAsync(BigInteger wei)
    {
        var key = EthKey.Generate();
        await Rpc.RequestAsync("anvil_setBalance", [key.Address.ToLowerHex(), Hex.EncodeQuantity(wei)]);
        return key;
    }

    private Task<TransactionReceipt> PrepayAsync(EthKey caller, byte[] any) =>
        new EvmDirectSubmitter(Rpc, caller, 2048).SendAsync(StratosSystemContract.Address, StratosSystemContract.EncodeRunMsg(any),
            binding: StratosSystemContract.Binding);

    private Task<BigInteger> BalanceAsync(EthAddress account) => Rpc.GetBalanceAsync(account.ToLowerHex(), EvmBlocks.Latest);

    private static BigInteger GasCost(TransactionReceipt receipt) => receipt.GasUsed * receipt.EffectiveGasPrice!.Value;
}
