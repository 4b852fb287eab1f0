using StratosBridge.Core.Pauses;

namespace StratosBridge.Ledger.Pauses;

/// <summary>A pause to put in place; <see cref="CheckKey"/> and <see cref="DetailJson"/> for a reconciliation breach (its numbers).</summary>
public sealed record NewPause(PauseScope Scope, string? Chain, string? Destination, PauseOrigin Origin, string Reason, string PausedBy,
    string? CheckKey = null, string? DetailJson = null);
