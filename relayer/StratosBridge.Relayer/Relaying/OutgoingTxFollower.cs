using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Evm.Transactions;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// Follows the relayer signer's persisted transactions of one purpose on one chain, for the worker that owns them
/// (releases, prepays): broadcasts any that were persisted but not sent ("already known" / "nonce too low" tolerated),
/// hands mined ones to the owner's settle step with their receipt, and replaces one stuck longer than
/// <see cref="RelayOptions.BumpAfter"/> (same nonce, fees +<see cref="RelayOptions.FeeBumpPercent"/>%, capped by
/// <c>Relay:MaxFeePerGasGwei</c>).
/// </summary>
public sealed class OutgoingTxFollower(
    OutgoingTxStore store,
    ChainClients chains,
    RelayKeys keys,
    IOptions<RelayOptions> options,
    ILogger<OutgoingTxFollower> logger)
{
    public string Signer => keys.Signer.Address.ToLowerHex();

    /// <summary>The signer's unsettled transactions of <paramref name="purpose"/> on <paramref name="chain"/>.</summary>
    public Task<IReadOnlyList<OutgoingTxRow>> OpenAsync(string chain, string purpose, CancellationToken ct) =>
        store.OpenAsync(chain, Signer, purpose, ct);

    /// <summary>Broadcasts, settles (through <paramref name="settle"/>) or bumps each unsettled transaction.</summary>
    public async Task FollowAsync(string chain, string purpose, string actor,
        Func<IReadOnlyList<OutgoingTxRow>, OutgoingTxRow, EvmTransactionReceipt, Task> settle, CancellationToken ct)
    {
        var rpc = chains.Rpc(chain);
        foreach (var group in (await OpenAsync(chain, purpose, ct)).GroupBy(r => r.Nonce))
        {
            var rows = group.ToList();
            EvmTransactionReceipt? receipt = null;
            OutgoingTxRow? mined = null;
            foreach (var row in rows.AsEnumerable().Reverse())
            {
                if (await rpc.GetTransactionReceiptAsync(row.TxHash, ct) is { } found)
                {
                    (receipt, mined) = (found, row);
                    break;
                }
            }
            if (receipt is not null && mined is not null)
            {
                await settle(rows, mined, receipt);
                continue;
            }
            var latest = rows[^1];
            if (latest.Status == "signed")
            {
                await BroadcastAsync(rpc, latest, ct);
            }
            else if (latest.BroadcastAt is { } sent && DateTimeOffset.UtcNow - sent > options.Value.BumpAfter
                     && latest.UpdatedAt < DateTimeOffset.UtcNow - options.Value.BumpAfter)
            {
                await BumpAsync(chain, rpc, latest, actor, ct);
            }
        }
    }

    public async Task BroadcastAsync(EvmRpcClient rpc, OutgoingTxRow row, CancellationToken ct)
    {
        try
        {
            await rpc.SendRawTransactionAsync(row.RawTx, ct);
            logger.LogInformation("Broadcast {TxHash} (nonce {Nonce}) on {Chain}", row.TxHash, row.Nonce, row.Chain);
        }
        catch (EvmRpcAlreadyKnownException)
        {
            // the node has these bytes already: the broadcast happened
        }
        catch (EvmRpcNonceTooLowException)
        {
            // the nonce is used: ours (a receipt will show it) or a replacement of ours; settle on the next round
            logger.LogInformation("{TxHash} on {Chain}: nonce {Nonce} already used; waiting for its receipt", row.TxHash, row.Chain, row.Nonce);
        }
        await store.MarkBroadcastAsync(row.Id, ct);
    }

    /// <summary>The chain's suggested fees for a new transaction, capped by <c>Relay:MaxFeePerGasGwei</c>.</summary>
    public async Task<EvmFeeSuggestion> FeesAsync(string chain, EvmRpcClient rpc, CancellationToken ct) =>
        (await EvmFeeSuggestion.FetchAsync(rpc, ct)).CappedAt(FeeCap(chain));

    /// <summary>Signs an EIP-1559 transaction with the signer's key at <paramref name="fees"/>, for a ledger-allocated nonce.</summary>
    public Func<long, SignedOutgoingTx> SignerFor(string chain, Chains.Evm.EthAddress to, byte[] data, long gasLimit, EvmFeeSuggestion fees)
    {
        var chainId = (ulong)chains.Options(chain).ChainId;
        return nonce =>
        {
            var signed = new Eip1559Transaction
            {
                ChainId = chainId, Nonce = (ulong)nonce, GasLimit = (ulong)gasLimit, To = to, Data = data,
                MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas, MaxFeePerGas = fees.MaxFeePerGas,
            }.Sign(keys.Signer);
            return new SignedOutgoingTx(signed.Raw.ToArray(), signed.HashHex);
        };
    }

    private async Task BumpAsync(string chain, EvmRpcClient rpc, OutgoingTxRow stuck, string actor, CancellationToken ct)
    {
        var previous = (Eip1559Transaction)SignedTransaction.Decode(stuck.RawTx).Transaction;
        var cap = FeeCap(chain);
        if (previous.MaxFeePerGas >= cap)
        {
            logger.LogWarning("ALARM {TxHash} on {Chain} is stuck at the fee cap ({Cap} wei/gas); raise Relay:MaxFeePerGasGwei:{Chain} or wait",
                stuck.TxHash, chain, cap, chain);
            await store.MarkBroadcastAsync(stuck.Id, ct); // touch: next check after BumpAfter
            return;
        }
        var fees = (await EvmFeeSuggestion.FetchAsync(rpc, ct))
            .BumpedFrom(new EvmFeeSuggestion(previous.MaxPriorityFeePerGas, previous.MaxFeePerGas), options.Value.FeeBumpPercent)
            .CappedAt(cap);
        var replacement = new Eip1559Transaction
        {
            ChainId = previous.ChainId, Nonce = previous.Nonce, GasLimit = previous.GasLimit, To = previous.To, Value = previous.Value,
            Data = previous.Data, MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas, MaxFeePerGas = fees.MaxFeePerGas,
        }.Sign(keys.Signer);
        var row = await store.PersistReplacementAsync(stuck, new SignedOutgoingTx(replacement.Raw.ToArray(), replacement.HashHex), actor,
            $"fees raised to {fees.MaxFeePerGas} wei/gas: {stuck.TxHash} was not mined after {options.Value.BumpAfter.TotalSeconds:0} s", ct);
        logger.LogWarning("Replaced stuck {OldTxHash} with {TxHash} (nonce {Nonce}) on {Chain}", stuck.TxHash, row.TxHash, row.Nonce, chain);
        try
        {
            await BroadcastAsync(rpc, row, ct);
        }
        catch (EvmRpcReplacementUnderpricedException e)
        {
            logger.LogWarning("{Chain} refused replacement {TxHash}: {Error}; will bump again", chain, row.TxHash, e.Message);
            await store.MarkBroadcastAsync(row.Id, ct);
        }
    }

    private BigInteger FeeCap(string chain)
    {
        var gwei = options.Value.MaxFeePerGasGwei.GetValueOrDefault(chain, options.Value.DefaultMaxFeePerGasGwei);
        return new BigInteger(gwei * 1_000_000_000m);
    }
}
