using System.Security.Cryptography;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Submitting;

namespace StratosBridge.Deploy;

/// <summary>
/// Runs an admin call on a vault the way the admin is built: schedule it on the <c>BridgeTimelock</c>, wait out the delay,
/// execute it. The proposer key cannot do anything sooner (the vault refuses it directly, the timelock refuses an early
/// execute). Used by the devnet and tests (e.g. to unpause, which pausers cannot do).
/// </summary>
public sealed class TimelockAdmin(EvmDirectSubmitter proposer, EthAddress timelock)
{
    /// <summary>Schedules <paramref name="data"/> on <paramref name="target"/> with the timelock's minimum delay, waits it out, executes.</summary>
    public async Task RunAsync(EthAddress target, byte[] data, CancellationToken ct = default)
    {
        var delay = ContractCalls.DecodeOutput<long>(ABITypedRegistry.GetFunctionABI<BridgeTimelockContract.GetMinDelayFunction>(), Hex.Encode(
            await proposer.CallAsync(timelock, new BridgeTimelockContract.GetMinDelayFunction().GetCallData(), BridgeTimelockContract.Binding, ct)));
        var salt = RandomNumberGenerator.GetBytes(32);
        await proposer.SendAsync(timelock, BridgeTimelockContract.EncodeSchedule(target, data, salt, delay), binding: BridgeTimelockContract.Binding,
            ct: ct);
        // The operation is ready once a block's timestamp reaches schedule + delay; the execute goes in a later block.
        await Task.Delay(TimeSpan.FromSeconds(delay + 1), ct);
        await proposer.SendAsync(timelock, BridgeTimelockContract.EncodeExecute(target, data, salt), binding: BridgeTimelockContract.Binding, ct: ct);
    }

    /// <summary>Unpauses <paramref name="vault"/> (admin only: pausers cannot unpause).</summary>
    public Task UnpauseAsync(EthAddress vault, CancellationToken ct = default) => RunAsync(vault, new StosVaultContract.UnpauseFunction().GetCallData(), ct);
}
