using System.Numerics;
using StratosBridge.Core.Pauses;

namespace StratosBridge.Ledger.Pauses;

/// <summary>
/// The last result of one reconciliation check: its figures (JSON, base units as strings), the signed difference, the
/// difference accepted by an operator, and the rule that decides whether the difference passes against it.
/// </summary>
public sealed record ReconciliationCheckRow(string CheckKey, string Kind, bool Ok, BigInteger Difference, BigInteger Accepted, string NumbersJson,
    string? Note, DateTimeOffset CheckedAt, ReconciliationRule Rule);
