namespace StratosBridge.Ledger.Relaying;

/// <summary>A transfer's USD value as the governor priced it when its release was signed; <see cref="Released"/>: exempt from the limits.</summary>
public sealed record GovernedTransfer(long TransferId, decimal Usd, bool Released);
