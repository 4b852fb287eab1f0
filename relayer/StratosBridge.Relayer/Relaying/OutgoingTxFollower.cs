using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Evm.Transactions;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// Follows the relayer signer's persisted transactions of one purpose on one chain, for the worker that owns them
/// (releases, prepays), nonce by nonce; one nonce that fails never stops the others. For each nonce it hands a mined
/// transaction to the owner's settle step with its receipt, replaces one stuck longer than <see cref="RelayOptions.BumpAfter"/>
/// (same nonce, fees +<see cref="RelayOptions.FeeBumpPercent"/>%, capped by <c>Relay:MaxFeePerGasGwei</c>), and sends one
/// that was persisted but not sent. A refused send is handled by its kind:
/// <list type="bullet">
/// <item>already known: sent;</item>
/// <item>fees too low (below the base fee, underpriced, replacement underpriced): replaced at the current fees, same nonce
/// (sign → persist → broadcast);</item>
/// <item>insufficient funds (or a refusal we cannot classify): an <c>ALARM</c>, the same bytes again after a back-off;</item>
/// <item>nonce too high (Stratos refuses a gap): the signer's lower nonces, of any purpose, are sent first;</item>
/// <item>nonce too low: success only if one of our transactions of that nonce is mined; if another transaction took the
/// nonce, an <c>ALARM</c>, and the owner decides (<c>taken</c>): the rows become <c>dropped</c>, a release is re-signed only
/// when the vault says it is unused, a prepay waits for an operator.</item>
/// </list>
/// </summary>
public sealed class OutgoingTxFollower(
    OutgoingTxStore store,
    ChainClients chains,
    RelayKeys keys,
    IOptions<RelayOptions> options,
    ILogger<OutgoingTxFollower> logger)
{
    /// <summary>The head at which each chain's and purpose's receipts were last read.</summary>
    private readonly ConcurrentDictionary<(string Chain, string Purpose), long> _receiptsReadAt = new();

    public string Signer => keys.Signer.Address.ToLowerHex();

    /// <summary>The signer's unsettled transactions of <paramref name="purpose"/> on <paramref name="chain"/>.</summary>
    public Task<IReadOnlyList<OutgoingTxRow>> OpenAsync(string chain, string purpose, CancellationToken ct) =>
        store.OpenAsync(chain, Signer, purpose, ct);

    /// <summary>
    /// Settles (through <paramref name="settle"/>), bumps or sends each unsettled transaction; a nonce another transaction
    /// took goes to <paramref name="taken"/> with the rows of that nonce and what happened. Receipts are read only when the
    /// chain's head moved since they were last read (a receipt cannot appear without a new block), so a worker may call this
    /// every <see cref="RelayOptions.HeadPollInterval"/> while it has transactions in flight. True when any is still open.
    /// </summary>
    public async Task<bool> FollowAsync(string chain, string purpose, string actor,
        Func<IReadOnlyList<OutgoingTxRow>, OutgoingTxRow, TransactionReceipt, Task> settle, Func<IReadOnlyList<OutgoingTxRow>, string, Task> taken,
        CancellationToken ct)
    {
        var open = await OpenAsync(chain, purpose, ct);
        if (open.Count == 0)
        {
            return false;
        }
        var rpc = chains.Rpc(chain);
        var head = await rpc.BlockNumberAsync(ct);
        var readReceipts = !_receiptsReadAt.TryGetValue((chain, purpose), out var readAt) || readAt != head;
        _receiptsReadAt[(chain, purpose)] = head;
        foreach (var group in open.GroupBy(r => r.Nonce))
        {
            try
            {
                await FollowNonceAsync(chain, rpc, group.ToList(), actor, readReceipts, settle, taken, ct);
            }
            catch (Exception e) when (e is HttpRequestException or EvmRpcException or TimeoutException
                                          || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                logger.LogWarning("Following nonce {Nonce} of {Signer} on {Chain} failed, the other nonces go on: {Error}", group.Key, Signer, chain,
                    e.Message);
                _receiptsReadAt.TryRemove((chain, purpose), out _); // read them again next time, head moved or not
            }
        }
        return true;
    }

    private async Task FollowNonceAsync(string chain, EvmRpcClient rpc, List<OutgoingTxRow> rows, string actor, bool readReceipts,
        Func<IReadOnlyList<OutgoingTxRow>, OutgoingTxRow, TransactionReceipt, Task> settle, Func<IReadOnlyList<OutgoingTxRow>, string, Task> taken,
        CancellationToken ct)
    {
        foreach (var row in readReceipts ? rows.AsEnumerable().Reverse() : [])
        {
            if (await rpc.GetTransactionReceiptAsync(row.TxHash, ct) is { } receipt)
            {
                await settle(rows, row, receipt);
                return;
            }
        }
        var latest = rows[^1];
        if (latest.RetryAt is { } due && due > DateTimeOffset.UtcNow)
        {
            return; // backing off after a refusal
        }
        if (latest.Status == OutgoingTxStore.Signed)
        {
            var refused = await SendAsync(rpc, latest, ct);
            if (refused?.Kind == EvmRpcErrorKind.NonceTooHigh)
            {
                refused = await SendLowerNoncesFirstAsync(chain, rpc, latest, ct);
            }
            if (refused is not null)
            {
                await HandleRefusalAsync(chain, rpc, rows, refused, actor, settle, taken, ct);
            }
        }
        else if (latest.BroadcastAt is { } sent && DateTimeOffset.UtcNow - sent > options.Value.BumpAfter
                 && latest.UpdatedAt < DateTimeOffset.UtcNow - options.Value.BumpAfter)
        {
            await ReplaceAsync(chain, rpc, latest, actor, $"{latest.TxHash} was not mined after {options.Value.BumpAfter.TotalSeconds:0} s", ct);
        }
    }

    /// <summary>
    /// Right after persisting many (consecutive nonces of one chain): sends their stored bytes in one JSON-RPC batch, lowest
    /// nonce first, and marks those the node took as broadcast in one statement. A refusal is left to the next round of
    /// <see cref="FollowAsync"/>, which handles it by its kind; a transient fault too (the rows stay <c>signed</c> and are
    /// sent again).
    /// </summary>
    public async Task BroadcastAsync(EvmRpcClient rpc, IReadOnlyList<OutgoingTxRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        IReadOnlyList<EvmRpcException?> refusals;
        try
        {
            refusals = await rpc.SendRawTransactionsAsync(rows.Select(r => (ReadOnlyMemory<byte>)r.RawTx).ToList(), ct);
        }
        catch (EvmRpcTransientException e)
        {
            logger.LogWarning("Could not send {Count} transaction(s) on {Chain} yet (nonces {First}–{Last}): {Error}", rows.Count, rows[0].Chain,
                rows[0].Nonce, rows[^1].Nonce, e.Message);
            return;
        }
        foreach (var (row, refused) in rows.Zip(refusals))
        {
            if (refused is null)
            {
                logger.LogInformation("Broadcast {TxHash} (nonce {Nonce}) on {Chain}", row.TxHash, row.Nonce, row.Chain);
            }
            else
            {
                logger.LogWarning("{Chain} refused {TxHash} (nonce {Nonce}): {Error}; handled on the next round", row.Chain, row.TxHash, row.Nonce,
                    refused.Message);
            }
        }
        await store.MarkBroadcastAsync(rows.Zip(refusals).Where(r => r.Second is null).Select(r => r.First).ToList(), ct);
    }

    /// <summary>Right after persisting one: as for many (<see cref="BroadcastAsync(EvmRpcClient, IReadOnlyList{OutgoingTxRow}, CancellationToken)"/>).</summary>
    public Task BroadcastAsync(EvmRpcClient rpc, OutgoingTxRow row, CancellationToken ct) => BroadcastAsync(rpc, [row], ct);

    /// <summary>Sends the stored bytes; null when the node has them (now or already), else its refusal. Transient faults throw.</summary>
    private async Task<EvmRpcException?> SendAsync(EvmRpcClient rpc, OutgoingTxRow row, CancellationToken ct)
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
        catch (EvmRpcException e) when (!e.IsTransient)
        {
            return e;
        }
        await store.MarkBroadcastAsync(row, ct);
        return null;
    }

    private async Task HandleRefusalAsync(string chain, EvmRpcClient rpc, List<OutgoingTxRow> rows, EvmRpcException refused, string actor,
        Func<IReadOnlyList<OutgoingTxRow>, OutgoingTxRow, TransactionReceipt, Task> settle, Func<IReadOnlyList<OutgoingTxRow>, string, Task> taken,
        CancellationToken ct)
    {
        var row = rows[^1];
        switch (refused.Kind)
        {
            case EvmRpcErrorKind.FeeTooLow or EvmRpcErrorKind.ReplacementUnderpriced:
                await ReplaceAsync(chain, rpc, row, actor, $"{chain} refused {row.TxHash} for its fees: {refused.RpcMessage}", ct, refusedRow: true);
                break;
            case EvmRpcErrorKind.NonceTooLow:
                await ResolveUsedNonceAsync(chain, rpc, rows, actor, settle, taken, ct);
                break;
            case EvmRpcErrorKind.InsufficientFunds:
                await BackOffAsync(row, $"the relayer {Signer} has insufficient funds on {chain} for {row.TxHash} (nonce {row.Nonce}): " +
                                        $"{refused.RpcMessage}; fund it, the same transaction is sent again", ct);
                break;
            case EvmRpcErrorKind.NonceTooHigh:
                await BackOffAsync(row, $"{chain} refuses nonce {row.Nonce} of {Signer} as too high and the ledger has no lower transaction to " +
                                        $"send first (a gap): {refused.RpcMessage}", ct);
                break;
            default:
                await BackOffAsync(row, $"{chain} refused {row.TxHash} (nonce {row.Nonce}) for a reason the relayer does not classify: " +
                                        $"{refused.RpcMessage}; the same transaction is sent again", ct);
                break;
        }
    }

    private async Task BackOffAsync(OutgoingTxRow row, string reason, CancellationToken ct)
    {
        var delay = options.Value.BackoffAfter(row.Refusals);
        logger.LogError("ALARM {Reason} (retry in {Delay})", reason, delay);
        await store.RefusedAsync(row.Id, reason, delay, ct);
    }

    /// <summary>
    /// The node refused <paramref name="row"/>'s nonce as too high: sends the signer's open transactions of lower nonces (of
    /// any purpose: releases and prepays share the signer on Stratos), oldest nonce first, then <paramref name="row"/> again.
    /// </summary>
    private async Task<EvmRpcException?> SendLowerNoncesFirstAsync(string chain, EvmRpcClient rpc, OutgoingTxRow row, CancellationToken ct)
    {
        var lower = (await store.OpenOfSignerAsync(chain, Signer, ct)).Where(r => r.Nonce < row.Nonce).GroupBy(r => r.Nonce).Select(g => g.Last())
            .ToList();
        logger.LogWarning("{Chain} refused nonce {Nonce} of {Signer} as too high; sending {Count} lower nonce(s) first", chain, row.Nonce, Signer,
            lower.Count);
        foreach (var earlier in lower)
        {
            if (await SendAsync(rpc, earlier, ct) is { } refused)
            {
                logger.LogWarning("{Chain} refused {TxHash} (nonce {Nonce}): {Error}; its owner handles it", chain, earlier.TxHash, earlier.Nonce,
                    refused.Message);
            }
        }
        return await SendAsync(rpc, row, ct);
    }

    /// <summary>
    /// The chain says the nonce is used. Success if one of our transactions of that nonce (any of them, replacements included)
    /// is mined; otherwise, once the chain has confirmed the nonce, another transaction took it: an <c>ALARM</c>, and the owner
    /// decides what becomes of the work (<paramref name="taken"/>).
    /// </summary>
    private async Task ResolveUsedNonceAsync(string chain, EvmRpcClient rpc, List<OutgoingTxRow> open, string actor,
        Func<IReadOnlyList<OutgoingTxRow>, OutgoingTxRow, TransactionReceipt, Task> settle, Func<IReadOnlyList<OutgoingTxRow>, string, Task> taken,
        CancellationToken ct)
    {
        var nonce = open[0].Nonce;
        foreach (var ours in (await store.OfNonceAsync(chain, Signer, nonce, ct)).Reverse())
        {
            if (await rpc.GetTransactionReceiptAsync(ours.TxHash, ct) is { } receipt)
            {
                await settle(open.Any(r => r.Id == ours.Id) ? open : [.. open, ours], ours, receipt);
                return;
            }
        }
        var confirmed = await rpc.GetTransactionCountAsync(Signer, EvmBlocks.Latest, ct);
        if (confirmed <= nonce)
        {
            // a transaction at this nonce waits in the pool and is not ours: look again after a back-off
            await BackOffAsync(open[^1], $"nonce {nonce} of {Signer} on {chain} is used in the pool by a transaction that is not ours", ct);
            return;
        }
        var note = $"another transaction took nonce {nonce} of {Signer} on {chain}: none of ours ({string.Join(", ", open.Select(r => r.TxHash))}) is mined";
        logger.LogError("ALARM {Note}; the relayer's key was used outside this ledger (another service, a restored backup?)", note);
        await taken(open, note);
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

    /// <summary>
    /// Replaces <paramref name="previous"/> (same nonce, same call) at the current fees and at least
    /// <see cref="RelayOptions.FeeBumpPercent"/>% above its own: sign → persist → broadcast. <paramref name="refusedRow"/>: the
    /// node refused <paramref name="previous"/> itself, which therefore becomes <c>replaced</c> at once.
    /// </summary>
    private async Task ReplaceAsync(string chain, EvmRpcClient rpc, OutgoingTxRow previous, string actor, string why, CancellationToken ct,
        bool refusedRow = false)
    {
        var before = (Eip1559Transaction)SignedTransaction.Decode(previous.RawTx).Transaction;
        var cap = FeeCap(chain);
        var fees = (await EvmFeeSuggestion.FetchAsync(rpc, ct))
            .BumpedFrom(new EvmFeeSuggestion(before.MaxPriorityFeePerGas, before.MaxFeePerGas), options.Value.FeeBumpPercent)
            .CappedAt(cap);
        if (fees.MaxFeePerGas <= before.MaxFeePerGas)
        {
            var reason = $"{previous.TxHash} on {chain} is stuck at the fee cap ({cap} wei/gas): {why}; raise Relay:MaxFeePerGasGwei:{chain} or wait";
            if (refusedRow)
            {
                await BackOffAsync(previous, reason, ct);
            }
            else
            {
                logger.LogError("ALARM {Reason}", reason);
                await store.TouchAsync(previous.Id, ct); // next check after BumpAfter
            }
            return;
        }
        var replacement = new Eip1559Transaction
        {
            ChainId = before.ChainId, Nonce = before.Nonce, GasLimit = before.GasLimit, To = before.To, Value = before.Value,
            Data = before.Data, MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas, MaxFeePerGas = fees.MaxFeePerGas,
        }.Sign(keys.Signer);
        var row = await store.PersistReplacementAsync(previous, new SignedOutgoingTx(replacement.Raw.ToArray(), replacement.HashHex), actor,
            $"fees raised to {fees.MaxFeePerGas} wei/gas: {why}", refusedRow, ct);
        logger.LogWarning("Replaced {OldTxHash} with {TxHash} (nonce {Nonce}) on {Chain}: {Why}", previous.TxHash, row.TxHash, row.Nonce, chain, why);
        await BroadcastAsync(rpc, row, ct);
    }

    private BigInteger FeeCap(string chain)
    {
        var gwei = options.Value.MaxFeePerGasGwei.GetValueOrDefault(chain, options.Value.DefaultMaxFeePerGasGwei);
        return new BigInteger(gwei * 1_000_000_000m);
    }
}
