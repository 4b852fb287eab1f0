namespace StratosBridge.Ledger.Relaying;

/// <summary>A completed transfer's route and the seconds from its source finality to its destination receipt.</summary>
public sealed record ReleaseLatency(string Source, string Dest, double Seconds);
