using StratosBridge.Api.Quotes;

namespace StratosBridge.Api.Payments;

/// <summary>The payment that earned a credit: where it was paid, how much, and the matcher's outcome (paid, under-paid, over-paid, late).</summary>
public sealed record CreditPaymentView(string Chain, string TxHash, string Asset, AmountView Amount, string? Outcome);
