namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// A refund came for a card payment the matcher has not decided yet (no credit to cancel or reduce): nothing is recorded,
/// and the event is handled again after its back-off, by when the payment is matched.
/// </summary>
public sealed class PaymentNotMatchedYetException(string message) : Exception(message);
