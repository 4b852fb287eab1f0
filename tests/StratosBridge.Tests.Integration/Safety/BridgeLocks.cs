using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Tests.Integration.Contracts;

namespace StratosBridge.Tests.Integration.Safety;

/// <summary>A holder's lock on the fixture's ethereum vault towards Stratos, made final by mining the blocks the service waits for.</summary>
internal static class BridgeLocks
{
    /// <summary>Approves and locks <paramref name="amount"/> for <paramref name="recipient"/>; returns the lock's transaction hash.</summary>
    public static async Task<string> LockAsync(DeployedBridgeFixture bridge, BigInteger amount, EthAddress recipient, int confirmations)
    {
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, amount));
        var lockTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(amount, recipient))).TransactionHash;
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{confirmations + 1:x}");
        return lockTx;
    }
}
