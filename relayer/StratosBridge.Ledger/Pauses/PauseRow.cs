using StratosBridge.Core.Pauses;

namespace StratosBridge.Ledger.Pauses;

/// <summary>A pause as the ledger keeps it: in force (<see cref="ResumedAt"/> null) or resumed, with who, when and why for each.</summary>
public sealed record PauseRow(ActivePause Pause, string? CheckKey, string? DetailJson, string? ResumedBy, DateTimeOffset? ResumedAt,
    string? ResumeReason)
{
    public bool InForce => ResumedAt is null;
}
