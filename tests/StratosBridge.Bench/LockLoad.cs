using System.Numerics;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Evm.Transactions;

namespace StratosBridge.Bench;

/// <summary>
/// The locks of <c>ops/bench migration</c>: several holder accounts, each approving the vault once, then every lock signed
/// in advance (nonces in order per holder) so that sending is only <c>eth_sendRawTransaction</c>, the holders in parallel.
/// </summary>
public sealed class LockLoad
{
    private readonly EvmRpcClient _rpc;
    private readonly IReadOnlyList<IReadOnlyList<byte[]>> _signedPerHolder;

    private LockLoad(EvmRpcClient rpc, IReadOnlyList<IReadOnlyList<byte[]>> signedPerHolder)
    {
        _rpc = rpc;
        _signedPerHolder = signedPerHolder;
    }

    /// <summary>
    /// Approves <paramref name="vault"/> from each holder (who must hold the dev STOS and gas), then signs
    /// <paramref name="transfers"/> round-robin over the holders. Fees are set far above the current base fee so that
    /// full blocks raising it cannot strand a pre-signed lock.
    /// </summary>
    public static async Task<LockLoad> PrepareAsync(EvmRpcClient rpc, long chainId, EthAddress token, EthAddress vault,
        IReadOnlyList<EthKey> holders, IReadOnlyList<PlannedTransfer> transfers, CancellationToken ct)
    {
        var total = transfers.Aggregate(BigInteger.Zero, (sum, t) => sum + t.Amount);
        foreach (var holder in holders)
        {
            await new EvmDirectSubmitter(rpc, holder, (ulong)chainId).SendAsync(token, Erc20Contract.EncodeApprove(vault, total),
                binding: Erc20Contract.Binding, ct: ct);
        }
        var estimate = await rpc.EstimateGasAsync(new CallInput { To = vault.ToLowerHex(), Data = Hex.Encode(StosVaultContract.EncodeLock(transfers[0].Amount, transfers[0].Recipient)), From = holders[0].Address.ToLowerHex() }, ct: ct);
        var gas = (ulong)(estimate + estimate / 2);
        var fees = await EvmFeeSuggestion.FetchAsync(rpc, ct);
        var signed = new List<byte[]>[holders.Count];
        for (var h = 0; h < holders.Count; h++)
        {
            signed[h] = [];
            var nonce = (ulong)await rpc.GetTransactionCountAsync(holders[h].Address.ToLowerHex(), EvmBlocks.Pending, ct);
            for (var i = h; i < transfers.Count; i += holders.Count)
            {
                signed[h].Add(new Eip1559Transaction
                {
                    ChainId = (ulong)chainId, Nonce = nonce++, GasLimit = gas, To = vault,
                    Data = StosVaultContract.EncodeLock(transfers[i].Amount, transfers[i].Recipient),
                    MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas, MaxFeePerGas = fees.MaxFeePerGas * 50,
                }.Sign(holders[h]).Raw.ToArray());
            }
        }
        return new LockLoad(rpc, signed);
    }

    /// <summary>Broadcasts every lock, each holder's in nonce order, the holders in parallel; returns when the node has them all.</summary>
    public Task SendAsync(CancellationToken ct) =>
        Task.WhenAll(_signedPerHolder.Select(locks => Task.Run(async () =>
        {
            foreach (var raw in locks)
            {
                await _rpc.SendRawTransactionAsync(raw, ct);
            }
        }, ct)));
}
