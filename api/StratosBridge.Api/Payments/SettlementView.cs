namespace StratosBridge.Api.Payments;

/// <summary>
/// How a quote is being settled: one word for the whole (<see cref="SettlementState"/>) and every payment seen for it,
/// oldest first, each with its outcome and credit.
/// </summary>
public sealed record SettlementView(string State, IReadOnlyList<ReceivedPaymentView> Payments);
