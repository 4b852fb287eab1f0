using System.Globalization;
using StratosBridge.Api.Chains;
using StratosBridge.Api.Pauses;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Pauses;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Transfers;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Api.Transfers;

/// <summary>
/// Turns the ledger's <see cref="TransferDetail"/> into what the API shows: confirmations of the source block against
/// its chain's finality policy, an ETA while the transfer is pending, and the last error only where it matters now (a failure,
/// a back-off before a retry, or the attesters' signatures it still waits for: <c>awaiting attestations 1/2 …</c>).
/// </summary>
internal static class TransferViews
{
    public static IReadOnlyList<TransferView> Present(IEnumerable<TransferDetail> transfers, ChainsOptions chains,
        IReadOnlyList<ChainProgress> progress, PauseSet paused, DateTimeOffset now) =>
        transfers.Select(t => Present(t, chains.GetValueOrDefault(t.SourceChain),
            progress.FirstOrDefault(p => p.Chain == t.SourceChain), paused, now)).ToList();

    /// <summary>Transfers in these states are done with (or never will be): no pause holds them.</summary>
    private static readonly HashSet<TransferStatus> Settled = [TransferStatus.Completed, TransferStatus.Refunded, TransferStatus.Orphaned];

    private static TransferView Present(TransferDetail t, ChainOptions? chain, ChainProgress? progress, PauseSet paused, DateTimeOffset now)
    {
        var status = TransferStates.Machine.Parse(t.Status);
        // An orphaned transfer's block left the chain: no confirmations; only a pending one waits for finality (has an ETA).
        var (confirmations, eta) = FinalityPolicy.Measure(chain, progress,
            status == TransferStatus.Orphaned ? null : t.Source.BlockNumber, status == TransferStatus.Pending);
        var destination = t.DestinationTx is { } tx
            ? new TransferDestinationView(t.DestChain, tx.TxHash, tx.Status, tx.BlockNumber)
            : new TransferDestinationView(t.DestChain, null, null, null);
        return new TransferView(
            t.Id,
            t.Status,
            new TransferSourceView(t.Source.Chain, t.Source.TxHash, LogIndex(t.Source.SourceRef), t.Source.BlockNumber, t.Source.BlockHash),
            destination,
            EthAddress.Parse(t.Sender).ToString(),
            EthAddress.Parse(t.Recipient).ToString(),
            StratosAddress.Parse(t.Recipient).Bech32,
            t.Amount.ToString(CultureInfo.InvariantCulture),
            confirmations,
            eta,
            VisibleError(t, status, now),
            t.Attempts,
            t.CreatedAt.ToUniversalTime(),
            t.UpdatedAt.ToUniversalTime(),
            t.Timeline.Select(s => new TimelineStepView(s.At.ToUniversalTime(), s.Status, s.Chain, s.TxHash, s.Note)).ToList(),
            Settled.Contains(status) ? [] : paused.ForRoute(t.SourceChain, t.DestChain).Select(PauseView.Of).ToList(),
            status == TransferStatus.Delayed ? DelayView.Of(t.DelayReason ?? "held back by the governor", t.DelayedUntil, now) : null);
    }

    /// <summary>The error is news only while it still explains the state: parked as failed, or waiting for a retry.</summary>
    private static string? VisibleError(TransferDetail t, TransferStatus status, DateTimeOffset now) => status switch
    {
        TransferStatus.Failed or TransferStatus.Cancelling or TransferStatus.Refunding => t.LastError,
        TransferStatus.Finalized or TransferStatus.Submitted when t.Attempts > 0 && t.NextAttemptAt > now => t.LastError,
        // waiting for the attesters is no failed attempt, but it is why the transfer is not released yet
        TransferStatus.Finalized or TransferStatus.Delayed when t.LastError?.StartsWith(AttestationCollector.AwaitingPrefix, StringComparison.Ordinal) == true
            => t.LastError,
        _ => null,
    };

    /// <summary>EVM source events are keyed by their log index; other sources (a Solana reference key) have none.</summary>
    private static long? LogIndex(string sourceRef) =>
        long.TryParse(sourceRef, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
}
