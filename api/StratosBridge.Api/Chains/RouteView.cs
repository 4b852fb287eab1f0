namespace StratosBridge.Api.Chains;

/// <summary>
/// One bridge route as its two vaults show it now: lock on <see cref="SourceVault"/> (on <see cref="Source"/>), released by
/// <see cref="DestVault"/> (on <see cref="Dest"/>). Amounts are base-unit strings: <see cref="Fee"/> is kept from every lock (in the
/// locked asset; the recipient gets the amount minus the fee), <see cref="MinLock"/>/<see cref="MaxLock"/> bound what a lock may
/// credit, <see cref="AvailableOutflow"/> is what the destination can still release in its rolling 24 h window. Null amounts
/// with <see cref="Unavailable"/> when a node did not answer.
/// </summary>
public sealed record RouteView(string Source, string Dest, string SourceVault, string DestVault, string? Fee, string? MinLock, string? MaxLock,
    string? ReleaseCap, string? AvailableOutflow, bool? SourcePaused, string? Unavailable);
