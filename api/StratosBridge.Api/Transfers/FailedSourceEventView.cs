using System.Globalization;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Api.Transfers;

/// <summary>
/// A log of a watched contract in the looked-up transaction that the watcher could not decode (state <c>failed</c>):
/// it opened no transfer or payment. <see cref="Reason"/> says why; operators see the raw log at
/// <c>GET /v1/admin/source-events/failed</c> and decide.
/// </summary>
public sealed record FailedSourceEventView(string State, string Chain, string TxHash, long? LogIndex, string Kind, long? BlockNumber,
    string Reason, DateTimeOffset ObservedAt)
{
    public static FailedSourceEventView Of(FailedSourceEvent e) => new("failed", e.Chain, e.TxHash,
        long.TryParse(e.SourceRef, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null,
        e.Kind, e.BlockNumber, e.Failure, e.ObservedAt);
}
