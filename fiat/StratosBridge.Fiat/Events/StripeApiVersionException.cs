namespace StratosBridge.Fiat.Events;

/// <summary>
/// A recorded event is rendered in another API release train than Stripe.net's: handling it again cannot succeed, so the
/// worker dead-letters it at once with an <c>ALARM</c> instead of retrying it.
/// </summary>
public sealed class StripeApiVersionException(string message) : Exception(message);
