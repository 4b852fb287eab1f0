using System.Globalization;
using System.Text.Json.Nodes;
using StratosBridge.Core.Pauses;
using StratosBridge.Ledger.Pauses;

namespace StratosBridge.Api.Pauses;

/// <summary>
/// One reconciliation check's latest result (<c>route:ethereum&gt;stratos</c>, <c>payments:bsc</c>, <c>credits:ozone</c>,
/// <c>float:stratos</c>, <c>cards</c>): ok or not, the difference and the difference an operator accepted (the check's unit,
/// strings), the rule that judges one against the other (<c>exact</c>: equal; <c>shortfall</c>: at most), the figures, and
/// why it is not ok.
/// </summary>
public sealed record ReconciliationCheckView(string Check, string Kind, bool Ok, string Difference, string Accepted, string Rule, JsonNode? Numbers,
    string? Note, DateTimeOffset CheckedAt)
{
    public static ReconciliationCheckView Of(ReconciliationCheckRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ReconciliationCheckView(row.CheckKey, row.Kind, row.Ok, row.Difference.ToString(CultureInfo.InvariantCulture),
            row.Accepted.ToString(CultureInfo.InvariantCulture), row.Rule == ReconciliationRule.Shortfall ? "shortfall" : "exact",
            JsonNode.Parse(row.NumbersJson), row.Note, row.CheckedAt);
    }
}
