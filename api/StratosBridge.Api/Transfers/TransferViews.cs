using System.Globalization;
using StratosBridge.Api.Chains;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Transfers;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Transfers;

/// <summary>
/// Turns the ledger's <see cref="TransferDetail"/> into what the API shows: confirmations of the source block against
/// its chain's finality policy, an ETA while the transfer is pending, and the last error only where it matters now.
/// </summary>
internal static class TransferViews
{
    public static IReadOnlyList<TransferView> Present(IEnumerable<TransferDetail> transfers, ChainsOptions chains,
        IReadOnlyList<ChainProgress> progress, DateTimeOffset now) =>
        transfers.Select(t => Present(t, chains.GetValueOrDefault(t.SourceChain),
            progress.FirstOrDefault(p => p.Chain == t.SourceChain), now)).ToList();

    private static TransferView Present(TransferDetail t, ChainOptions? chain, ChainProgress? progress, DateTimeOffset now)
    {
        var status = TransferTransitions.ParseWire(t.Status);
        var (confirmations, eta) = Finality(t, status, chain, progress);
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
            t.CreatedAt.ToUniversalTime(),
            t.UpdatedAt.ToUniversalTime(),
            t.Timeline.Select(s => new TimelineStepView(s.At.ToUniversalTime(), s.Status, s.Chain, s.TxHash, s.Note)).ToList());
    }

    /// <summary>
    /// Confirmations of the source block (none for an orphaned one: its block left the chain) and, while pending, when it
    /// should be final: the head's observation time plus the block time for each confirmation still missing.
    /// </summary>
    private static (ConfirmationsView Confirmations, DateTimeOffset? Eta) Finality(TransferDetail t, TransferStatus status,
        ChainOptions? chain, ChainProgress? progress)
    {
        if (chain is null || progress is null)
        {
            return (new ConfirmationsView(null, null, null), null);
        }
        var needed = FinalityPolicy.Needed(chain, progress);
        var current = status != TransferStatus.Orphaned && t.Source.BlockNumber is { } block
            ? FinalityPolicy.Current(progress, block)
            : null;
        DateTimeOffset? eta = status == TransferStatus.Pending && current is { } c && needed is { } n && progress.SeenAt is { } seen
            ? seen.ToUniversalTime() + TimeSpan.FromTicks(chain.BlockTime.Ticks * Math.Max(0, n - c))
            : null;
        return (new ConfirmationsView(current, needed, FinalityPolicy.NameOf(chain)), eta);
    }

    /// <summary>The error is news only while it still explains the state: parked as failed, or waiting for a retry.</summary>
    private static string? VisibleError(TransferDetail t, TransferStatus status, DateTimeOffset now) => status switch
    {
        TransferStatus.Failed => t.LastError,
        TransferStatus.Finalized or TransferStatus.Submitted when t.Attempts > 0 && t.NextAttemptAt > now => t.LastError,
        _ => null,
    };

    /// <summary>EVM source events are keyed by their log index; other sources (a Solana reference key) have none.</summary>
    private static long? LogIndex(string sourceRef) =>
        long.TryParse(sourceRef, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
}
