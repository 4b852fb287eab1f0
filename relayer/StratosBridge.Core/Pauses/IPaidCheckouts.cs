namespace StratosBridge.Core.Pauses;

/// <summary>
/// The card processor's own account of our checkouts, for reconciliation against the ledger: the sessions it reports paid
/// (Stripe's Checkout Sessions listed through its API), each with the amount it charged in minor units (USD cents).
/// Implemented where the processor's client lives (the fiat part); absent when card payments are off. A processor that
/// cannot be asked now is a <see cref="CardProcessorUnavailableException"/>.
/// </summary>
public interface IPaidCheckouts
{
    Task<IReadOnlyDictionary<string, long>> PaidAsync(CancellationToken ct);
}
