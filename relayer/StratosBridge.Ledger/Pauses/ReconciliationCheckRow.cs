using System.Numerics;

namespace StratosBridge.Ledger.Pauses;

/// <summary>The last result of one reconciliation check: its figures (JSON, base units as strings), the signed difference, and the difference accepted by an operator.</summary>
public sealed record ReconciliationCheckRow(string CheckKey, string Kind, bool Ok, BigInteger Difference, BigInteger Accepted, string NumbersJson,
    string? Note, DateTimeOffset CheckedAt);
