using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Submitting;

/// <summary>Why a contract call reverted, named by the contract's binding when it has one.</summary>
public static class ContractReverts
{
    /// <summary>The revert a node reported (gas estimation, <c>eth_call</c>), decoded with <paramref name="binding"/>'s custom errors.</summary>
    public static RevertReason Decode(EvmRpcExecutionRevertedException e, ContractBinding? binding)
    {
        ArgumentNullException.ThrowIfNull(e);
        var data = e.RevertData is { } hex ? Hex.Decode(hex) : [];
        return binding?.DecodeRevert(data) ?? RevertReason.Decode(data);
    }

    /// <summary>
    /// Replays <paramref name="call"/> as <c>eth_call</c> at the block a transaction failed in, to learn why; null when the
    /// replay does not revert.
    /// </summary>
    public static async Task<RevertReason?> ReplayAsync(EvmRpcClient rpc, CallInput call, long blockNumber, ContractBinding? binding,
        CancellationToken ct = default)
    {
        try
        {
            await rpc.CallAsync(call, EvmBlocks.Number(blockNumber), ct);
            return null;
        }
        catch (EvmRpcExecutionRevertedException e)
        {
            return Decode(e, binding);
        }
    }
}
