namespace StratosBridge.Api.Quotes;

/// <summary>A card payment in USD cents, through the service's card checkout.</summary>
public sealed record CardPaymentView(string Currency, string? AmountCents);
