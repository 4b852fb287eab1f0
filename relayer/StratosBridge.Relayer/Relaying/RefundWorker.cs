using System.Numerics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Core.Background;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Attestations;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Jobs;
using StratosBridge.Relayer.Watchers;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// The refund worker (<c>jobs</c> role) drives transfers an operator sent down the refund path, so that a lock is either
/// released or refunded, never both. Each round it follows its <c>cancel</c> and <c>refund</c> transactions (the same
/// follower as releases: settle, bump, taken nonces) and, for each transfer with nothing in flight, reads the vaults and acts:
/// <list type="bullet">
/// <item><c>cancelling</c>: the destination vault's content for the lock's id. None: once the attesters have signed <c>Cancel</c>
/// (each checks on its own nodes that the lock is real and never released; <see cref="AttestationCollector"/> verifies them) the
/// relayer sends <c>cancel</c> (sign → persist → broadcast). <c>CANCELLED</c> at the destination's final height: on to
/// <c>refunding</c>. The release's own content: it was released after all, <c>completed</c>, nothing refunded. Other
/// content: an <c>ALARM</c>, back to <c>failed</c>.</item>
/// <item><c>refunding</c>: the source vault's <c>refunded(nonce)</c>. Not yet, and the cancel still final: the attesters sign
/// <c>Refund</c> and the relayer sends <c>refund</c>. Refunded at the source's final height: <c>refunded</c>.</item>
/// </list>
/// A chain read decides every move, so a round killed at any line, a taken nonce or a second instance only delays it.
/// </summary>
public sealed class RefundWorker(
    RefundStore store,
    PauseStore pauses,
    OutgoingTxFollower outgoing,
    ChainClients chains,
    BridgeRoutes routes,
    RelayKeys keys,
    AttestationCollector attestations,
    IOptions<RelayOptions> options,
    IOptions<JobsOptions> instance,
    ILogger<RefundWorker> logger) : BackgroundService
{
    private const string CancelPurpose = "cancel";
    private const string RefundPurpose = "refund";

    private string Worker => $"refund:{instance.Value.ResolvedInstanceId}";

    private string Signer => keys.Signer.Address.ToLowerHex();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loop = new BackgroundLoop("Refunds", options.Value.PollInterval, options.Value.MaxBackoff, logger) { IsExpected = Outage.Is };
        return loop.RunAsync(async ct =>
        {
            foreach (var chain in routes.BridgeChains)
            {
                foreach (var purpose in new[] { CancelPurpose, RefundPurpose })
                {
                    await outgoing.FollowAsync(chain, purpose, Worker, (rows, mined, receipt) => SettleAsync(chain, rows, mined, receipt, ct),
                        (rows, note) => TakenAsync(rows, note, ct), ct);
                }
            }
            var paused = await pauses.InForceAsync(ct); // a paused route's cancels and refunds wait
            var due = (await store.DueAsync(20, ct)).Where(w => paused.ForRoute(w.SourceChain, w.DestChain).Count == 0).ToList();
            foreach (var work in due)
            {
                using var scope = logger.BeginScope(new Dictionary<string, object> { ["TransferId"] = work.TransferId });
                await (work.Status == TransferStates.Machine.Wire(TransferStatus.Cancelling) ? CancelAsync(work, ct) : RefundAsync(work, ct));
            }
            return due.Count > 0 ? LoopRound.Busy : LoopRound.Idle;
        }, stoppingToken);
    }

    private async Task SettleAsync(string chain, IReadOnlyList<OutgoingTxRow> rows, OutgoingTxRow mined, TransactionReceipt receipt,
        CancellationToken ct)
    {
        var reason = receipt.Succeeded() ? null : await ReleaseRelayWorker.RevertReasonAsync(chains.Rpc(chain), mined, receipt, ct);
        await store.SettleAsync(rows, mined, receipt.BlockNumber.ToLong(), receipt.Succeeded(), reason, options.Value.Backoff, Worker, ct);
        logger.LogInformation("{Purpose} {TxHash} on {Chain} {Outcome}", mined.Purpose, mined.TxHash, chain,
            receipt.Succeeded() ? "mined" : $"reverted: {reason}");
    }

    private async Task TakenAsync(IReadOnlyList<OutgoingTxRow> rows, string note, CancellationToken ct)
    {
        await store.NonceTakenAsync(rows, $"{note}; the vaults decide what to sign next", Worker, ct);
        logger.LogWarning("{Purpose} nonce {Nonce} on {Chain} was taken; the transfer is read from the vaults again", rows[0].Purpose, rows[0].Nonce,
            rows[0].Chain);
    }

    private async Task CancelAsync(RefundWork work, CancellationToken ct)
    {
        if (routes.ReleasingVault(work.DestChain, work.SourceChain) is not { } vault)
        {
            logger.LogError("ALARM transfer {TransferId}: no vault on {Chain} releases from {Source}; cannot cancel", work.TransferId, work.DestChain,
                work.SourceChain);
            await store.WaitAsync(work.TransferId, options.Value.MaxBackoff, $"no vault on {work.DestChain} for {work.SourceChain}", ct);
            return;
        }
        var rpc = chains.Rpc(work.DestChain);
        var id = Hex.Decode(work.ReleaseId);
        var content = await UsedContentAsync(rpc, vault, id, EvmBlocks.Latest, ct);
        var release = VaultRelease.ContentOf(EthAddress.Parse(work.Recipient), work.Amount);
        if (content.All(b => b == 0))
        {
            var srcChainId = chains.Options(work.SourceChain).ChainId;
            var srcVault = EthAddress.Parse(work.SourceVault);
            var destChainId = (ulong)chains.Options(work.DestChain).ChainId;
            if (await SignaturesAsync(work, work.DestChain, vault, AttestationKind.Cancel,
                    StosVaultContract.HashCancel(destChainId, vault, srcChainId, srcVault, work.LockNonce), ct) is { } signatures)
            {
                await SendAsync(work, work.DestChain, rpc, vault, StosVaultContract.EncodeCancel(work.LockNonce, signatures), CancelPurpose,
                    TransferStatus.Cancelling, ct);
            }
        }
        else if (content.AsSpan().SequenceEqual(StosVaultContract.CancelledContent))
        {
            if (await chains.FinalHeightAsync(work.DestChain, rpc, ct) is { } final
                && (await UsedContentAsync(rpc, vault, id, EvmBlocks.Number(final), ct)).AsSpan().SequenceEqual(StosVaultContract.CancelledContent))
            {
                await store.MoveAsync(work.TransferId, TransferStatus.Cancelling, TransferStatus.Refunding,
                    $"cancelled on {work.DestChain} (final at block {final}): the vault {vault} will never release it", work.DestChain, Worker, ct);
            }
            else
            {
                await store.WaitAsync(work.TransferId, options.Value.Backoff, $"cancelled on {work.DestChain}; waiting for it to be final", ct);
            }
        }
        else if (content.AsSpan().SequenceEqual(release))
        {
            logger.LogWarning("Transfer {TransferId}: the vault {Vault} on {Chain} had released it; not refunded", work.TransferId, vault,
                work.DestChain);
            await store.MoveAsync(work.TransferId, TransferStatus.Cancelling, TransferStatus.Completed,
                $"the vault {vault} on {work.DestChain} had already released it to {work.Recipient}: completed, not refunded", work.DestChain,
                Worker, ct);
        }
        else
        {
            var note = $"release conflict: the release id on the vault {vault} on {work.DestChain} was used with other content " +
                       $"({Hex.Encode(content)}); neither cancelled nor refunded";
            logger.LogError("ALARM transfer {TransferId}: {Note}", work.TransferId, note);
            await store.MoveAsync(work.TransferId, TransferStatus.Cancelling, TransferStatus.Failed, note, work.DestChain, Worker, ct);
        }
    }

    private async Task RefundAsync(RefundWork work, CancellationToken ct)
    {
        var rpc = chains.Rpc(work.SourceChain);
        var vault = EthAddress.Parse(work.SourceVault);
        if (await RefundedAsync(rpc, vault, work.LockNonce, EvmBlocks.Latest, ct))
        {
            if (await chains.FinalHeightAsync(work.SourceChain, rpc, ct) is { } final && await RefundedAsync(rpc, vault, work.LockNonce, EvmBlocks.Number(final), ct))
            {
                await store.MoveAsync(work.TransferId, TransferStatus.Refunding, TransferStatus.Refunded,
                    $"refunded {work.Amount} to {work.Sender} by the vault {vault} on {work.SourceChain} (final at block {final})", work.SourceChain,
                    Worker, ct);
            }
            else
            {
                await store.WaitAsync(work.TransferId, options.Value.Backoff, $"refunded on {work.SourceChain}; waiting for it to be final", ct);
            }
            return;
        }
        // Attesters sign a refund only against a final cancel on the destination.
        if (routes.ReleasingVault(work.DestChain, work.SourceChain) is not { } dest)
        {
            await store.WaitAsync(work.TransferId, options.Value.MaxBackoff, $"no vault on {work.DestChain} for {work.SourceChain}", ct);
            return;
        }
        var destRpc = chains.Rpc(work.DestChain);
        if (await chains.FinalHeightAsync(work.DestChain, destRpc, ct) is not { } destFinal
            || !(await UsedContentAsync(destRpc, dest, Hex.Decode(work.ReleaseId), EvmBlocks.Number(destFinal), ct)).AsSpan().SequenceEqual(StosVaultContract.CancelledContent))
        {
            logger.LogError("ALARM transfer {TransferId} is refunding but its cancel on {Chain} is not final there; not signing the refund",
                work.TransferId, work.DestChain);
            await store.WaitAsync(work.TransferId, options.Value.Backoff, $"the cancel on {work.DestChain} is not final", ct);
            return;
        }
        var chainId = (ulong)chains.Options(work.SourceChain).ChainId;
        var sender = EthAddress.Parse(work.Sender);
        if (await SignaturesAsync(work, work.SourceChain, vault, AttestationKind.Refund,
                StosVaultContract.HashRefund(chainId, vault, work.LockNonce, sender, work.Amount), ct) is { } signatures)
        {
            await SendAsync(work, work.SourceChain, rpc, vault, StosVaultContract.EncodeRefund(work.LockNonce, sender, work.Amount, signatures),
                RefundPurpose, TransferStatus.Refunding, ct);
        }
    }

    /// <summary>The attesters' verified signatures over <paramref name="digest"/>, or null (the transfer waits, with the reason).</summary>
    private async Task<IReadOnlyList<byte[]>?> SignaturesAsync(RefundWork work, string chain, EthAddress vault, AttestationKind kind, byte[] digest,
        CancellationToken ct)
    {
        var collected = await attestations.CollectAsync(chain, vault, kind, [(work.ReleaseId, digest)], ct);
        if (collected.Ready.TryGetValue(work.ReleaseId, out var signatures))
        {
            return signatures;
        }
        await store.WaitAsync(work.TransferId, options.Value.PollInterval, collected.Waiting[work.ReleaseId], ct);
        return null;
    }

    /// <summary>Checks the call by gas estimation, then signs, persists (pointing the transfer at it) and broadcasts it.</summary>
    private async Task SendAsync(RefundWork work, string chain, EvmRpcClient rpc, EthAddress vault, byte[] calldata, string purpose,
        TransferStatus stage, CancellationToken ct)
    {
        long gas;
        try
        {
            gas = await rpc.EstimateGasAsync(new CallInput { To = vault.ToLowerHex(), Data = Hex.Encode(calldata), From = Signer }, ct: ct);
        }
        catch (EvmRpcExecutionRevertedException e)
        {
            var reason = ContractReverts.Decode(e, StosVaultContract.Binding);
            logger.LogError("ALARM transfer {TransferId}: the vault {Vault} on {Chain} refuses the {Purpose}: {Reason}", work.TransferId, vault, chain,
                purpose, reason);
            await store.WaitAsync(work.TransferId, options.Value.BackoffAfter(1), $"the vault on {chain} refuses the {purpose}: {reason}", ct);
            return;
        }
        var sign = outgoing.SignerFor(chain, vault, calldata, gas + gas / 5 + 20_000, await outgoing.FeesAsync(chain, rpc, ct));
        var pending = await rpc.GetTransactionCountAsync(Signer, EvmBlocks.Pending, ct);
        var row = await store.PersistSignedAsync(chain, Signer, pending, sign, purpose, work.TransferId, stage, Worker, ct);
        if (row is null)
        {
            return; // moved meanwhile (another instance)
        }
        logger.LogInformation("Signed {Purpose} {TxHash} (nonce {Nonce}) for transfer {TransferId} on {Chain}", purpose, row.TxHash, row.Nonce,
            work.TransferId, chain);
        await outgoing.BroadcastAsync(rpc, row, ct);
    }

    private static async Task<byte[]> UsedContentAsync(EvmRpcClient rpc, EthAddress vault, byte[] id, BlockParameter block, CancellationToken ct) =>
        await rpc.QueryAsync<byte[]>(vault, new StosVaultContract.UsedContentFunction { SourceEventId = id }, block, ct);

    private static async Task<bool> RefundedAsync(EvmRpcClient rpc, EthAddress vault, ulong nonce, BlockParameter block, CancellationToken ct) =>
        await rpc.QueryAsync<bool>(vault, new StosVaultContract.RefundedFunction { LockNonce = nonce }, block, ct);
}
