using System.Numerics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Evm.Transactions;
using StratosBridge.Core.Background;
using StratosBridge.Ledger.Attestations;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.Wakeups;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Governor;
using StratosBridge.Relayer.Jobs;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// The relay worker (<c>jobs</c> role). For each destination chain, each round it
/// <list type="number">
/// <item>follows its unsettled transactions: broadcasts any that were persisted but not sent, settles mined ones by
/// their receipts (<c>Released</c> and <c>ReleaseSkipped</c> both complete a transfer: the vault had released it
/// already with the same recipient and amount; a <c>ReleaseConflict</c> — the id used with other content, or cancelled —
/// fails it with an <c>ALARM</c>, never counts it as done), and replaces one stuck longer than <see cref="RelayOptions.BumpAfter"/> with higher fees, same nonce;</item>
/// <item>claims a batch of finalized transfers per route, has the <see cref="TransferGovernor"/> screen it when its source chain is
/// governed (over a USD limit: <c>delayed</c>), checks the batch by gas estimation (a permanent refusal of one
/// transfer fails that transfer only; a paused vault, a reached 24 h cap or short liquidity backs the batch off), then
/// signs one <c>releaseBatch</c>, persists it with its ledger-allocated nonce, and broadcasts it.</item>
/// </list>
/// A transfer with a persisted transaction is <c>submitted</c> and never claimed again until that transaction settles,
/// so a worker killed at any line re-sends the same bytes rather than signing new work.
/// </summary>
public sealed class ReleaseRelayWorker(
    ReleaseStore store,
    PauseStore pauses,
    OutgoingTxFollower outgoing,
    ChainClients chains,
    BridgeRoutes routes,
    RelayKeys keys,
    AttestationCollector attestations,
    TransferGovernor governor,
    LedgerWakeups wakeups,
    IOptions<RelayOptions> options,
    IOptions<JobsOptions> instance,
    ILogger<ReleaseRelayWorker> logger) : BackgroundService
{
    private const string Purpose = "release-batch";

    /// <summary>Vault errors that refuse one transfer for good: it is parked as failed, the rest of its batch goes on.</summary>
    private static readonly HashSet<string> PermanentErrors =
        ["ReleaseCapExceeded", "RecipientIsVault", "ZeroRecipient", "ZeroAmount", "NonceBelowStart", "SafeERC20FailedOperation"];

    private string Worker => $"relay:{instance.Value.ResolvedInstanceId}";

    private string Signer => keys.Signer.Address.ToLowerHex();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Relay worker {Worker} started: signer {Signer}; releases are signed by the attesters", Worker, keys.Signer.Address);
        return Task.WhenAll(routes.BridgeChains.ToArray().Select(dest => RelayToAsync(dest, stoppingToken)));
    }

    /// <summary>
    /// One destination chain's loop (<see cref="BackgroundLoop"/>): a fault while relaying to one chain is logged and
    /// backed off there alone; the other destinations go on.
    /// </summary>
    private async Task RelayToAsync(string dest, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Chain"] = dest });
        var loop = new BackgroundLoop($"Relay to {dest}", options.Value.PollInterval, options.Value.MaxBackoff, logger)
        {
            IsExpected = Outage.Is,
            WakeOn = wakeups.Subscribe(LedgerWakeups.Tables.Transfers, LedgerWakeups.Tables.Attestations),
        };
        await loop.RunAsync(async ct =>
        {
            var inFlight = await FollowOpenAsync(dest, ct);
            if (await RelayNewAsync(dest, ct))
            {
                return LoopRound.Busy;
            }
            // with batches in flight, their receipts are looked for on each new head; else sleep until woken or the poll
            return inFlight ? LoopRound.After(options.Value.HeadPollInterval) : LoopRound.Idle;
        }, stoppingToken);
    }

    /// <summary>Broadcasts, settles or bumps each unsettled release batch of the signer on <paramref name="chain"/>; true while any is open.</summary>
    private Task<bool> FollowOpenAsync(string chain, CancellationToken ct) =>
        outgoing.FollowAsync(chain, Purpose, Worker, (rows, mined, receipt) => SettleAsync(chain, chains.Rpc(chain), rows, mined, receipt, ct),
            (rows, note) => NonceTakenAsync(chain, chains.Rpc(chain), rows, note, ct), ct);

    /// <summary>
    /// Another transaction took the batch's nonce. Each of its transfers is asked of the vault: one whose release id the
    /// vault has used with this transfer's recipient and amount is completed (released on-chain, by whatever transaction);
    /// one used with other content fails with an <c>ALARM</c>; only one the vault confirms unused goes back to
    /// <c>finalized</c>, to be signed again at a new nonce.
    /// </summary>
    private async Task NonceTakenAsync(string chain, EvmRpcClient rpc, IReadOnlyList<OutgoingTxRow> rows, string note, CancellationToken ct)
    {
        var vault = SignedTransaction.Decode(rows[^1].RawTx).Transaction.To!.Value;
        var riding = await store.SubmittedOnAsync(rows.Select(r => r.Id).ToArray(), ct);
        var used = new Dictionary<long, string>();
        var conflicted = new Dictionary<long, string>();
        foreach (var transfer in riding)
        {
            var content = await rpc.QueryAsync<byte[]>(vault, new StosVaultContract.UsedContentFunction { SourceEventId = Hex.Decode(transfer.ReleaseId) },
                ct: ct);
            if (content.All(b => b == 0))
            {
                continue;
            }
            if (content.AsSpan().SequenceEqual(VaultRelease.ContentOf(EthAddress.Parse(transfer.Recipient), transfer.Amount)))
            {
                used[transfer.TransferId] = $"{note}; the vault {vault} on {chain} shows the release id used: released on-chain, counted as done";
            }
            else
            {
                conflicted[transfer.TransferId] = Conflict(chain, vault, transfer.TransferId, content);
            }
        }
        await store.NonceTakenAsync(rows, used, conflicted,
            $"{note}; the vault {vault} shows the release id unused: it will be signed again at a new nonce", Worker, ct);
        logger.LogWarning("Batch nonce {Nonce} on {Chain} was taken: {Used} of {Count} transfer(s) already released on-chain, {Conflicts} in " +
                          "conflict, the others go back to be relayed again", rows[0].Nonce, chain, used.Count, riding.Count, conflicted.Count);
    }

    private async Task SettleAsync(string chain, EvmRpcClient rpc, IReadOnlyList<OutgoingTxRow> rows, OutgoingTxRow mined,
        TransactionReceipt receipt, CancellationToken ct)
    {
        var riding = await store.SubmittedOnAsync(rows.Select(r => r.Id).ToArray(), ct);
        var released = new Dictionary<long, string>();
        var conflicted = new Dictionary<long, string>();
        string? reason = null;
        if (receipt.Succeeded())
        {
            var notes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var conflicts = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
            var vault = SignedTransaction.Decode(mined.RawTx).Transaction.To!.Value;
            foreach (var log in receipt.Logs)
            {
                if (log.IsEvent<StosVaultContract.ReleasedEvent>(vault))
                {
                    notes.TryAdd(Hex.Encode(log.DecodeEvent<StosVaultContract.ReleasedEvent>(vault).SourceEventId), "released");
                }
                else if (log.IsEvent<StosVaultContract.ReleaseDeferredEvent>(vault))
                {
                    notes[Hex.Encode(log.DecodeEvent<StosVaultContract.ReleaseDeferredEvent>(vault).SourceEventId)] =
                        "released; the recipient refused the coin, so it is claimable in the vault (claim / claimFor)";
                }
                else if (log.IsEvent<StosVaultContract.ReleaseSkippedEvent>(vault))
                {
                    notes[Hex.Encode(log.DecodeEvent<StosVaultContract.ReleaseSkippedEvent>(vault).SourceEventId)] =
                        "already released on-chain with the same recipient and amount; counted as done";
                }
                else if (log.IsEvent<StosVaultContract.ReleaseConflictEvent>(vault))
                {
                    var conflict = log.DecodeEvent<StosVaultContract.ReleaseConflictEvent>(vault);
                    conflicts[Hex.Encode(conflict.SourceEventId)] = conflict.UsedContent;
                }
            }
            foreach (var transfer in riding)
            {
                if (conflicts.TryGetValue(transfer.ReleaseId, out var usedContent))
                {
                    conflicted[transfer.TransferId] = Conflict(chain, vault, transfer.TransferId, usedContent);
                }
                else if (notes.TryGetValue(transfer.ReleaseId, out var note))
                {
                    released[transfer.TransferId] = note;
                }
            }
        }
        else
        {
            reason = await RevertReasonAsync(rpc, mined, receipt, ct);
            logger.LogWarning("Batch {TxHash} on {Chain} reverted: {Reason}; its {Count} transfer(s) will be retried", mined.TxHash, chain,
                reason, riding.Count);
        }
        await store.SettleAsync(rows, mined, receipt.BlockNumber.ToLong(), receipt.Succeeded(), released, conflicted, reason, options.Value.Backoff, Worker, ct);
        if (receipt.Succeeded())
        {
            logger.LogInformation("Batch {TxHash} on {Chain} mined in block {Block}: {Released} of {Count} transfer(s) completed",
                mined.TxHash, chain, receipt.BlockNumber.ToLong(), released.Count, riding.Count);
        }
    }

    /// <summary>The note (and the <c>ALARM</c>) for a transfer whose release id the vault used with other content.</summary>
    private string Conflict(string chain, EthAddress vault, long transferId, byte[] usedContent)
    {
        var what = usedContent.AsSpan().SequenceEqual(StosVaultContract.CancelledContent)
            ? "was cancelled (to be refunded on its source)"
            : $"was used with another recipient or amount (content {Hex.Encode(usedContent)})";
        logger.LogError("ALARM transfer {TransferId}: its release id on the vault {Vault} on {Chain} {What}; it is not done and is parked " +
                        "as failed for an operator", transferId, vault, chain, what);
        return $"release conflict: the release id on the vault {vault} on {chain} {what}; not released for this transfer";
    }

    internal static async Task<string> RevertReasonAsync(EvmRpcClient rpc, OutgoingTxRow row, TransactionReceipt receipt, CancellationToken ct)
    {
        var tx = SignedTransaction.Decode(row.RawTx);
        var call = new CallInput { To = tx.Transaction.To?.ToLowerHex(), Data = Hex.Encode(tx.Transaction.Data), From = tx.Sender.ToLowerHex(), Gas = new HexBigInteger((long)tx.Transaction.GasLimit) };
        var reason = await ContractReverts.ReplayAsync(rpc, call, receipt.BlockNumber.ToLong(), StosVaultContract.Binding, ct);
        return reason?.ToString() ?? "reverted (no reason on replay)";
    }

    /// <summary>
    /// Claims and submits new batches for every route into <paramref name="dest"/> that no pause stops (read from the ledger
    /// each round: a paused route's transfers stay <c>finalized</c> and are claimed in the first round after it resumes).
    /// True if it did any work.
    /// </summary>
    private async Task<bool> RelayNewAsync(string dest, CancellationToken ct)
    {
        var rpc = chains.Rpc(dest);
        var busy = false;
        await governor.ReleaseDueAsync(Worker, ct);
        var paused = await pauses.InForceAsync(ct);
        foreach (var source in chains.Names)
        {
            if (routes.ReleasingVault(dest, source) is not { } vault || paused.ForRoute(source, dest).Count > 0)
            {
                continue;
            }
            if ((await outgoing.OpenAsync(dest, Purpose, ct)).Count >= options.Value.MaxInFlight)
            {
                return busy;
            }
            var batch = await store.ClaimAsync(source, dest, options.Value.BatchSize, Worker, options.Value.ClaimLease, ct);
            if (batch.Count == 0)
            {
                continue;
            }
            foreach (var retried in batch.Where(b => b.Attempts >= options.Value.AlarmAfterAttempts))
            {
                logger.LogError("ALARM transfer {TransferId} ({Source} → {Chain}) has failed {Attempts} relay attempts " +
                                "(Relay:AlarmAfterAttempts {Limit}); trying again, see its last error in the transfer API",
                    retried.TransferId, source, dest, retried.Attempts, options.Value.AlarmAfterAttempts);
            }
            var chainId = (ulong)chains.Options(dest).ChainId;
            var sourceChainId = chains.Options(source).ChainId;
            var collected = await attestations.CollectAsync(dest, vault, AttestationKind.Release,
                batch.Select(b => (b.ReleaseId, StosVaultContract.HashRelease(chainId, vault, ReleaseOf(sourceChainId, b)))).ToList(), ct);
            if (collected.Waiting.Count > 0)
            {
                await store.AwaitAsync(batch.Where(b => collected.Waiting.ContainsKey(b.ReleaseId)).Select(b => (b.TransferId, collected.Waiting[b.ReleaseId]))
                    .ToList(), Worker, options.Value.PollInterval, ct);
                batch = batch.Where(b => collected.Ready.ContainsKey(b.ReleaseId)).ToList();
                if (batch.Count == 0)
                {
                    continue;
                }
            }
            busy = true;
            WindowCharge? charge = null;
            if (governor.Governs(source))
            {
                (batch, charge) = await governor.ScreenAsync(source, batch, Worker, options.Value.BackoffAfter(batch.Min(b => b.Attempts)), ct);
                if (batch.Count == 0)
                {
                    continue;
                }
            }
            await SubmitAsync(source, dest, rpc, vault, batch, collected.Ready, charge, ct);
        }
        return busy;
    }

    private async Task SubmitAsync(string source, string dest, EvmRpcClient rpc, EthAddress vault, IReadOnlyList<ClaimedRelease> batch,
        IReadOnlyDictionary<string, IReadOnlyList<byte[]>> signatures, WindowCharge? charge, CancellationToken ct)
    {
        var sourceChainId = chains.Options(source).ChainId;
        var calldata = Calldata(sourceChainId, batch, signatures);
        long gas;
        try
        {
            gas = await rpc.EstimateGasAsync(new CallInput { To = vault.ToLowerHex(), Data = Hex.Encode(calldata), From = Signer }, ct: ct);
        }
        catch (EvmRpcExecutionRevertedException e)
        {
            var reason = ContractReverts.Decode(e, StosVaultContract.Binding);
            await HandleRefusalAsync(dest, rpc, vault, sourceChainId, batch, signatures, reason, ct);
            return;
        }
        var sign = outgoing.SignerFor(dest, vault, calldata, gas + gas / 5 + 20_000, await outgoing.FeesAsync(dest, rpc, ct));
        var pending = await rpc.GetTransactionCountAsync(Signer, EvmBlocks.Pending, ct);
        var (row, windowUsed) = await store.PersistSignedAsync(dest, Signer, pending, sign, Purpose, batch.Select(b => b.TransferId).ToArray(),
            Worker, ct, charge);
        if (windowUsed is { } used)
        {
            await governor.OverWindowAsync(charge!, used, Worker, ct);
            return;
        }
        if (row is null)
        {
            logger.LogWarning("Lost the claim on a batch for {Chain} before persisting it; another worker has it", dest);
            return;
        }
        logger.LogInformation("Signed batch {TxHash} (nonce {Nonce}) releasing {Count} transfer(s) on {Chain}", row.TxHash, row.Nonce,
            batch.Count, dest);
        await outgoing.BroadcastAsync(rpc, row, ct);
    }

    /// <summary>The vault's release for a claimed transfer; the id it will compute must be the one the ledger recorded.</summary>
    private static VaultRelease ReleaseOf(long sourceChainId, ClaimedRelease claimed)
    {
        var release = new VaultRelease(sourceChainId, EthAddress.Parse(claimed.SourceVault), claimed.LockNonce, EthAddress.Parse(claimed.Recipient),
            claimed.Amount);
        if (!string.Equals(Hex.Encode(release.Id), claimed.ReleaseId, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"transfer {claimed.TransferId}: release id {claimed.ReleaseId} in the ledger, " +
                                                $"{Hex.Encode(release.Id)} computed from its source");
        }
        return release;
    }

    /// <summary>The <c>releaseBatch</c> of these transfers, each with the verified signatures the collector found for it.</summary>
    private static byte[] Calldata(long sourceChainId, IReadOnlyList<ClaimedRelease> batch, IReadOnlyDictionary<string, IReadOnlyList<byte[]>> signatures) =>
        StosVaultContract.EncodeReleaseBatch(batch.Select(b => ReleaseOf(sourceChainId, b)).ToArray(), batch.Select(b => signatures[b.ReleaseId]).ToArray());

    /// <summary>
    /// The vault would refuse the batch. A permanent refusal is pinned on the transfers that cause it (each is checked
    /// alone) and they fail; the others go back for the next round. Anything else backs the whole batch off.
    /// </summary>
    private async Task HandleRefusalAsync(string dest, EvmRpcClient rpc, EthAddress vault, long sourceChainId,
        IReadOnlyList<ClaimedRelease> batch, IReadOnlyDictionary<string, IReadOnlyList<byte[]>> signatures, RevertReason reason, CancellationToken ct)
    {
        if (reason.Name is { } name && PermanentErrors.Contains(name))
        {
            var failed = new List<(long Id, string Reason)>();
            foreach (var claimed in batch)
            {
                var single = Calldata(sourceChainId, [claimed], signatures);
                try
                {
                    await rpc.EstimateGasAsync(new CallInput { To = vault.ToLowerHex(), Data = Hex.Encode(single), From = Signer }, ct: ct);
                }
                catch (EvmRpcExecutionRevertedException e)
                    when (ContractReverts.Decode(e, StosVaultContract.Binding) is { Name: { } n } r && PermanentErrors.Contains(n))
                {
                    failed.Add((claimed.TransferId, $"the vault on {dest} refuses this release: {r}"));
                }
            }
            foreach (var (id, why) in failed)
            {
                logger.LogError("ALARM transfer {TransferId} failed permanently: {Reason}", id, why);
                await store.FailAsync([id], Worker, why, ct);
            }
            var rest = batch.Select(b => b.TransferId).Except(failed.Select(f => f.Id)).ToArray();
            await store.BackOffAsync(rest, Worker, TimeSpan.Zero, $"batch refused ({reason}); retrying without the refused transfers", ct);
            return;
        }
        var delay = options.Value.BackoffAfter(batch.Min(b => b.Attempts));
        logger.LogWarning("ALARM the vault {Vault} on {Chain} refuses releases: {Reason}; {Count} transfer(s) wait {Delay}", vault, dest, reason,
            batch.Count, delay);
        await store.BackOffAsync(batch.Select(b => b.TransferId).ToArray(), Worker, delay, $"vault refused: {reason}", ct);
    }
}
