namespace StratosBridge.Pricing.Payments;

/// <summary><c>Pricing:Payments:card</c>: USD quotes, paid by card through the fiat part of the service.</summary>
public sealed class CardPaymentOptions
{
    public bool Enabled { get; set; }
}
