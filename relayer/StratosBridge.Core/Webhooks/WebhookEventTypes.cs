namespace StratosBridge.Core.Webhooks;

/// <summary>
/// The events an account can subscribe to, and which state change is which event. The ledger's outbox holds every state
/// change (subject, id, new state); this policy alone decides what each one means to an integrator.
/// </summary>
public static class WebhookEventTypes
{
    public const string QuotePaymentSeen = "quote.payment_seen";
    public const string QuotePaymentFinal = "quote.payment_final";
    public const string CreditCompleted = "credit.completed";
    public const string CreditFailed = "credit.failed";
    public const string PaymentUnmatched = "payment.unmatched";
    public const string CheckoutCredited = "checkout.credited";
    public const string CheckoutReversed = "checkout.reversed";
    public const string AccountOnHold = "account.on_hold";
    public const string AccountActive = "account.active";
    public const string TransferCompleted = "transfer.completed";
    public const string TransferDelayed = "transfer.delayed";
    public const string TransferRefunded = "transfer.refunded";

    /// <summary>Sent only when an account asks for one (<c>POST …/webhooks/{id}/test</c>), to every endpoint it names.</summary>
    public const string Test = "test.ping";

    /// <summary>Every type an endpoint may subscribe to (the test event always reaches the endpoint it is sent to).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        QuotePaymentSeen, QuotePaymentFinal, CreditCompleted, CreditFailed, PaymentUnmatched, CheckoutCredited, CheckoutReversed,
        AccountOnHold, AccountActive, TransferCompleted, TransferDelayed, TransferRefunded,
    ];

    /// <summary>
    /// The events a state change makes: <paramref name="subject"/> (<c>payment</c>, <c>credit</c>, <c>checkout</c>,
    /// <c>account</c>, <c>transfer</c>) reached <paramref name="status"/>; <paramref name="byCard"/> says that the quote behind
    /// a credit was paid by card (its checkout is credited too). Most changes make none.
    /// </summary>
    public static IReadOnlyList<string> For(string subject, string status, bool byCard = false) => (subject, status) switch
    {
        ("payment", "pending") => [QuotePaymentSeen],
        ("payment", "final") => [QuotePaymentFinal],
        ("payment", "unmatched") => [PaymentUnmatched],
        ("credit", "completed") => byCard ? [CreditCompleted, CheckoutCredited] : [CreditCompleted],
        ("credit", "failed") => [CreditFailed],
        ("checkout", "reversed") => [CheckoutReversed],
        ("account", "on-hold") => [AccountOnHold],
        ("account", "active") => [AccountActive],
        ("transfer", "completed") => [TransferCompleted],
        // parked until an operator acts (the governor's delays will say so too, when they land)
        ("transfer", "failed") => [TransferDelayed],
        ("transfer", "refunded") => [TransferRefunded], // cancelled on the destination, the sender paid back on the source
        _ => [],
    };

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
