namespace StratosBridge.Core.Pauses;

/// <summary>
/// A pause in force. <see cref="Chain"/> is the chain of a <see cref="PauseScope.Chain"/> pause, the source of a
/// <see cref="PauseScope.Route"/> (with <see cref="Destination"/>), or the pay chain of a <see cref="PauseScope.Credits"/>
/// pause (null: all credits). <see cref="PausedBy"/> is the actor (<c>operator:alice</c>, <c>system:on-chain</c>,
/// <c>system:reconciliation</c>).
/// </summary>
public sealed record ActivePause(long Id, PauseScope Scope, string? Chain, string? Destination, PauseOrigin Origin, string Reason,
    string PausedBy, DateTimeOffset PausedAt)
{
    /// <summary>What it covers in words: <c>everything</c>, <c>chain ethereum</c>, <c>route ethereum → stratos</c>, <c>credits of bsc</c>, <c>cards</c>.</summary>
    public string Covers => Scope switch
    {
        PauseScope.All => "everything",
        PauseScope.Chain => $"chain {Chain}",
        PauseScope.Route => $"route {Chain} → {Destination}",
        PauseScope.Credits => Chain is null ? "credits" : $"credits of {Chain}",
        _ => "cards",
    };

    /// <summary>The sentence users see: <c>paused by operator since 2026-12-02T15:00:00Z (route ethereum → stratos): reason</c>.</summary>
    public string Message => $"paused by {PauseSet.Wire(Origin)} since {PausedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} ({Covers}): {Reason}";
}
