namespace StratosBridge.Ledger.Fiat;

/// <summary>A dead-lettered Stripe event (or one just re-queued): what failed, how often, and since when.</summary>
public sealed record DeadStripeEvent(string Id, string Type, string? ObjectId, DateTimeOffset Created, int Attempts, string? LastError,
    DateTimeOffset ReceivedAt, DateTimeOffset DeadAt);
