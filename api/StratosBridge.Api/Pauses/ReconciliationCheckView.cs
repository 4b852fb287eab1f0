using System.Text.Json.Nodes;
using StratosBridge.Ledger.Pauses;

namespace StratosBridge.Api.Pauses;

/// <summary>
/// One reconciliation check's latest result (<c>route:ethereum&gt;stratos</c>, <c>payments:bsc</c>, …): ok or not, the signed
/// difference and the difference an operator accepted (base units, strings), the figures, and why it is not ok.
/// </summary>
public sealed record ReconciliationCheckView(string Check, string Kind, bool Ok, string Difference, string Accepted, JsonNode? Numbers,
    string? Note, DateTimeOffset CheckedAt)
{
    public static ReconciliationCheckView Of(ReconciliationCheckRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ReconciliationCheckView(row.CheckKey, row.Kind, row.Ok, row.Difference.ToString(System.Globalization.CultureInfo.InvariantCulture),
            row.Accepted.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonNode.Parse(row.NumbersJson), row.Note, row.CheckedAt);
    }
}
