using System.Text.Json;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Api.Status;

/// <summary>A failed source event as operators see it: the reason and the raw log as the node returned it.</summary>
public sealed record FailedSourceEventDetail(long Id, string Chain, string TxHash, string SourceRef, string Kind, long? BlockNumber,
    string? BlockHash, string Reason, DateTimeOffset ObservedAt, JsonElement RawLog)
{
    public static FailedSourceEventDetail Of(FailedSourceEvent e)
    {
        using var raw = JsonDocument.Parse(e.RawLogJson);
        return new FailedSourceEventDetail(e.Id, e.Chain, e.TxHash, e.SourceRef, e.Kind, e.BlockNumber, e.BlockHash, e.Failure, e.ObservedAt,
            raw.RootElement.Clone());
    }
}
