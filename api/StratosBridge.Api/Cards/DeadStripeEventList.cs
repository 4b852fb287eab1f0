using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Cards;

/// <summary>The answer of <c>GET /v1/admin/stripe-events/dead</c>.</summary>
public sealed record DeadStripeEventList(IReadOnlyList<DeadStripeEvent> Events);
