namespace StratosBridge.Api.Cards;

/// <summary>What <c>GET /v1/fiat/checkout-sessions</c> answers: a page of the account's checkouts, newest first, and the <c>before</c> cursor of the next (null on the last).</summary>
public sealed record CheckoutPage(IReadOnlyList<CheckoutView> Checkouts, string? Next);
