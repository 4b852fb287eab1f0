using System.Numerics;

namespace StratosBridge.Ledger.Grants;

/// <summary>A program's figures for operators: claims per UTC day, credits by state, and the most frequent refusals.</summary>
public sealed record GrantProgramStats(
    IReadOnlyList<GrantDayFigures> Days,
    IReadOnlyDictionary<string, int> CreditsByStatus,
    IReadOnlyList<(string Reason, int Count)> TopRefusals);
