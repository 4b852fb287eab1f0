using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Watching;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// Follows one chain's bridge events for that chain's watcher loop (which holds the chain's advisory lock): the vaults'
/// <c>Locked</c> (each becomes a transfer) and OzonePayments' <c>OzonePaid</c> (each becomes a payment, matched to its
/// quote by <c>quoteId</c> once final). One scanner per chain, made and owned by the chain's loop
/// (<see cref="ChainWatcher"/>): its state (the log range that works with the chain's node) is that chain's alone, and
/// no other loop can reach it.
/// <list type="number">
/// <item><b>Reorg check.</b> The newest checkpoint's hash is compared with the chain's block at that height; on a
/// mismatch the scanner walks back to the highest checkpoint still canonical, orphans what was seen above it, and
/// re-scans from there.</item>
/// <item><b>Scan</b> from the checkpoint to the head in bounded <c>eth_getLogs</c> ranges: a range the node refuses
/// is halved, a range that succeeds doubles the next one (up to <see cref="WatcherOptions.MaxLogRange"/>). The end
/// block's hash is read before and after the logs; if it changed, the range is read again. Events and checkpoint
/// commit together. A log from a watched contract that cannot be decoded is never skipped: it is recorded as a
/// <c>failed</c> source event with the raw log and the reason (an <c>ALARM</c>), and the checkpoint advances past it.</item>
/// <item><b>Finality.</b> Pending events at or below the final height (the <c>finalized</c> tag, or head − N
/// confirmations) whose block hash is still canonical become transfers ready to relay and payments ready to match; the
/// others are orphaned.</item>
/// </list>
/// </summary>
public sealed class ChainScanner(
    string chain,
    ChainScanStore store,
    ChainClients chains,
    BridgeRoutes routes,
    IOptions<WatcherOptions> options,
    ILogger<ChainScanner> logger)
{
    private int _range = options.Value.MaxLogRange;
    private EthAddress? _timelock;

    /// <summary>The chain this scanner follows.</summary>
    public string Chain => chain;

    /// <summary>The log range the next <c>eth_getLogs</c> asks for (shrunk while the node refuses wider ones).</summary>
    public int Range => _range;

    public async Task PollAsync(long head, long? finalizedTag, string actor, CancellationToken ct)
    {
        var vaults = routes.VaultsOn(chain);
        var config = chains.Options(chain);
        EthAddress? payments = config.Contracts.OzonePayments is { Length: > 0 } p ? EthAddress.Parse(p) : null;
        _timelock = config.Contracts.Timelock is { Length: > 0 } t ? EthAddress.Parse(t) : null;
        if (vaults.Count == 0 && payments is null)
        {
            return;
        }
        var rpc = chains.Rpc(chain);
        var next = await CheckForReorgAsync(rpc, config, actor, ct);
        var budget = options.Value.MaxRangesPerPoll;
        while (next <= head && budget-- > 0)
        {
            next = await ScanRangeAsync(rpc, vaults, payments, next, head, actor, ct);
        }
        if (config.FinalHeight(head, finalizedTag) is { } final && final >= 0)
        {
            await FinalizeAsync(rpc, final, actor, ct);
            await store.PruneAsync(chain, final, 16, ct);
        }
    }

    /// <summary>Returns the next block to scan, after rewinding past a reorg if there was one.</summary>
    private async Task<long> CheckForReorgAsync(EvmRpcClient rpc, ChainOptions config, string actor, CancellationToken ct)
    {
        var checkpoints = await store.CheckpointsAsync(chain, 64, ct);
        if (checkpoints.Count == 0)
        {
            return config.Contracts.FromBlock;
        }
        foreach (var checkpoint in checkpoints)
        {
            var canonical = await rpc.GetBlockByNumberAsync(checkpoint.BlockNumber, ct);
            if (canonical is not null && canonical.BlockHash == checkpoint.BlockHash)
            {
                if (checkpoint != checkpoints[0])
                {
                    var orphaned = await store.RewindAsync(chain, checkpoint.BlockNumber, actor, ct);
                    logger.LogWarning("Reorg on {Chain}: blocks above {ForkBlock} were replaced; {Orphaned} transfer(s) orphaned, re-scanning",
                        chain, checkpoint.BlockNumber, orphaned);
                }
                return checkpoint.BlockNumber + 1;
            }
        }
        var oldest = checkpoints[^1].BlockNumber - 1;
        var count = await store.RewindAsync(chain, oldest, actor, ct);
        logger.LogError("Reorg on {Chain} deeper than every checkpoint kept; rewinding to block {ForkBlock} ({Orphaned} orphaned)",
            chain, oldest, count);
        return oldest + 1;
    }

    private async Task<long> ScanRangeAsync(EvmRpcClient rpc, IReadOnlyDictionary<string, EthAddress> vaults,
        EthAddress? payments, long from, long head, string actor, CancellationToken ct)
    {
        var range = _range;
        var to = Math.Min(head, from + range - 1);
        var before = await rpc.GetBlockByNumberAsync(to, ct);
        if (before is null)
        {
            return from; // the node is behind its own head report; next poll
        }
        IReadOnlyList<FilterLog> logs;
        try
        {
            logs = await rpc.GetLogsAsync(new NewFilterInput
            {
                FromBlock = EvmBlocks.Number(from),
                ToBlock = EvmBlocks.Number(to),
                Address = vaults.Values.Select(v => v.ToLowerHex()).Concat(payments is { } pay ? [pay.ToLowerHex()] : [])
                    .Concat(_timelock is { } admin ? [admin.ToLowerHex()] : []).ToArray(),
                Topics =
                [
                    new[]
                    {
                        ContractEvents.Topic0<StosVaultContract.LockedEvent>(), ContractEvents.Topic0<OzonePaymentsContract.OzonePaidEvent>(),
                        ContractEvents.Topic0<BridgeTimelockContract.CallScheduledEvent>(),
                    },
                ],
            }, ct);
        }
        catch (EvmRpcLogRangeTooLargeException) when (range > 1)
        {
            _range = Math.Max(1, range / 2);
            logger.LogInformation("{Chain} refused logs for {Blocks} blocks; trying {Range}", chain, range, _range);
            return from;
        }
        var after = await rpc.GetBlockByNumberAsync(to, ct);
        if (after?.BlockHash != before.BlockHash)
        {
            return from; // the chain moved under us: read the range again
        }
        var locks = new List<ObservedLock>();
        var paid = new List<ObservedPayment>();
        var undecoded = new List<FailedObservation>();
        var blockTimes = new Dictionary<long, DateTimeOffset>();
        foreach (var log in logs.Where(l => !l.Removed))
        {
            // the filter named the addresses; a node that ignores it still cannot pass another contract's log off as ours
            if (!EthAddress.TryParse(log.Address, out var emitter))
            {
                continue;
            }
            if (emitter == _timelock)
            {
                AlarmScheduled(log, emitter);
            }
            else if (emitter == payments)
            {
                var block = log.BlockNumber.ToLong();
                if (!blockTimes.ContainsKey(block))
                {
                    blockTimes[block] = (await rpc.GetBlockByNumberAsync(block, ct)) is { } mined
                        ? DateTimeOffset.FromUnixTimeSeconds(mined.Timestamp.ToLong())
                        : DateTimeOffset.UtcNow;
                }
                if (Decode(log, "ozone-paid", l => ObservePayment(l, emitter, blockTimes[block]), undecoded) is { } payment)
                {
                    paid.Add(payment);
                }
            }
            else if (vaults.Values.Contains(emitter) && Decode(log, "locked", l => Observe(l, emitter), undecoded) is { } observed)
            {
                locks.Add(observed);
            }
        }
        var recorded = await store.RecordRangeAsync(chain, locks, paid, undecoded, new ChainCheckpoint(to, before.BlockHash), actor, ct);
        if (recorded > 0)
        {
            logger.LogInformation("{Chain}: {Count} new lock(s)/payment(s) in blocks {From}–{To}", chain, recorded, from, to);
        }
        _range = Math.Min(options.Value.MaxLogRange, range * 2);
        return to + 1;
    }

    /// <summary>
    /// A call the vaults' admin (the timelock) scheduled: a role grant, a limit, an unpause, a sweep… It runs after the
    /// timelock's delay, which is the time people have to look (and pausers to pause): always an <c>ALARM</c>, never recorded.
    /// A range read again after a reorg says it again.
    /// </summary>
    private void AlarmScheduled(FilterLog log, EthAddress timelock)
    {
        try
        {
            var call = log.DecodeEvent<BridgeTimelockContract.CallScheduledEvent>(timelock);
            logger.LogError("ALARM {Chain}: the timelock {Timelock} scheduled a call to {Target} (selector {Selector}, {Bytes} bytes of calldata) " +
                            "that can run {Delay} s after block {Block} ({TxHash}); operation {Operation}",
                chain, log.Address, call.Target, call.Data.Length >= 4 ? Hex.Encode(call.Data[..4]) : "none", call.Data.Length, call.Delay,
                log.BlockNumber, log.TransactionHash, Hex.Encode(call.Id));
        }
        catch (FormatException e)
        {
            logger.LogError("ALARM {Chain}: the timelock {Timelock} emitted a log that does not decode as CallScheduled in {TxHash}: {Error}", chain,
                log.Address, log.TransactionHash, e.Message);
        }
    }

    /// <summary>
    /// Decodes one log of a watched contract; one that does not decode is kept in <paramref name="undecoded"/> with the raw
    /// log and the reason (it becomes a failed source event in the same transaction as the range's checkpoint), never dropped.
    /// </summary>
    private T? Decode<T>(FilterLog log, string kind, Func<FilterLog, T> observe, List<FailedObservation> undecoded) where T : class
    {
        try
        {
            return observe(log);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException or OverflowException)
        {
            var reason = $"{kind} log does not decode: {e.Message}";
            logger.LogError("ALARM {Chain}: a log from watched contract {Contract} in {TxHash} (log {LogIndex}, block {Block}) does not decode; " +
                            "recorded as a failed source event, nothing is credited or released until an operator acts: {Reason}",
                chain, log.Address, log.TransactionHash, log.LogIndex.Value, log.BlockNumber.Value, reason);
            undecoded.Add(new FailedObservation(log.TransactionHash.ToLowerInvariant(),
                log.LogIndex.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), log.BlockNumber.ToLong(), log.BlockHash, kind,
                RawLog(log), reason));
            return null;
        }
    }

    /// <summary>The log exactly as the node returned it, for the failed source event's payload.</summary>
    private static string RawLog(FilterLog log) => JsonSerializer.Serialize(new
    {
        address = log.Address,
        topics = log.Topics,
        data = log.Data,
        blockNumber = log.BlockNumber.ToLong(),
        blockHash = log.BlockHash,
        transactionHash = log.TransactionHash,
        transactionIndex = log.TransactionIndex.ToLong(),
        logIndex = log.LogIndex.ToLong(),
    });

    private ObservedLock Observe(FilterLog log, EthAddress vault)
    {
        var locked = log.DecodeEvent<StosVaultContract.LockedEvent>(vault);
        var (sender, recipient) = (EthAddress.Parse(locked.Sender), EthAddress.Parse(locked.Recipient));
        var sourceChainId = chains.Options(chain).ChainId;
        var dest = locked.DestChainId <= long.MaxValue ? routes.Destination(chain, (long)locked.DestChainId) : null;
        if (dest is null)
        {
            logger.LogError("{Chain}: lock {TxHash} (log {LogIndex}) names destination chain {DestChainId}, which is not configured",
                chain, log.TransactionHash, log.LogIndex.Value, locked.DestChainId);
        }
        var payload = JsonSerializer.Serialize(new
        {
            vault = vault.ToString(),
            nonce = locked.Nonce,
            sender = sender.ToString(),
            recipient = recipient.ToString(),
            amount = locked.Amount.ToString(),
            destChainId = locked.DestChainId.ToString(),
            releaseId = Hex.Encode(VaultRelease.IdOf(sourceChainId, vault, locked.Nonce)),
        });
        return new ObservedLock(log.TransactionHash, (int)log.LogIndex.ToLong(), log.BlockNumber.ToLong(), log.BlockHash,
            sender.ToLowerHex(), recipient.ToLowerHex(), locked.Amount, dest ?? $"unknown:{locked.DestChainId}", payload);
    }

    private ObservedPayment ObservePayment(FilterLog log, EthAddress contract, DateTimeOffset paidAt)
    {
        var paid = log.DecodeEvent<OzonePaymentsContract.OzonePaidEvent>(contract);
        var (payer, beneficiary) = (EthAddress.Parse(paid.Payer), EthAddress.Parse(paid.Beneficiary));
        var payload = JsonSerializer.Serialize(new
        {
            contract = contract.ToString(),
            quoteId = Hex.Encode(paid.QuoteId),
            payer = payer.ToString(),
            beneficiary = beneficiary.ToString(),
            amount = paid.Amount.ToString(),
        });
        return new ObservedPayment(log.TransactionHash, log.LogIndex.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            log.BlockNumber.ToLong(), log.BlockHash, paidAt, Hex.Encode(paid.QuoteId), payer.ToLowerHex(),
            beneficiary.ToLowerHex(), PayAssets.OfChain(chain)?.Symbol() ?? "ETH", paid.Amount, payload);
    }

    private async Task FinalizeAsync(EvmRpcClient rpc, long final, string actor, CancellationToken ct)
    {
        while (true)
        {
            var pending = await store.PendingUpToAsync(chain, final, 500, ct);
            if (pending.Count == 0)
            {
                return;
            }
            var canonical = new Dictionary<long, string?>();
            foreach (var block in pending.Select(p => p.BlockNumber).Distinct())
            {
                canonical[block] = (await rpc.GetBlockByNumberAsync(block, ct))?.BlockHash;
            }
            var good = pending.Where(p => canonical[p.BlockNumber] == p.BlockHash).Select(p => p.Id).ToArray();
            var gone = pending.Where(p => canonical[p.BlockNumber] is { } hash && hash != p.BlockHash).Select(p => p.Id).ToArray();
            var finalized = await store.FinalizeAsync(chain, good, final, actor, ct);
            var orphaned = await store.OrphanAsync(chain, gone, actor, ct);
            if (finalized + orphaned > 0)
            {
                logger.LogInformation("{Chain}: {Finalized} transfer(s) final, {Orphaned} orphaned (final height {Final})",
                    chain, finalized, orphaned, final);
            }
            if (pending.Count < 500 || good.Length + gone.Length == 0)
            {
                return;
            }
        }
    }
}
