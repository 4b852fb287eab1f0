namespace StratosBridge.Ledger.Fiat;

/// <summary>A card checkout: our record of a Stripe Checkout Session for a USD quote (see <c>0006_fiat.sql</c> for the lifecycle).</summary>
public sealed record CheckoutRow(
    long Id,
    long AccountId,
    string QuoteId,
    string IdempotencyKey,
    long AmountCents,
    string Currency,
    string SuccessUrl,
    string CancelUrl,
    string? StripeSessionId,
    string? Url,
    string? PaymentIntent,
    string? StripeStatus,
    string? PaymentStatus,
    string Status,
    long? PaymentId,
    string? LastError,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? FulfilledAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A checkout about to be created at Stripe.</summary>
public sealed record NewCheckout(long AccountId, string QuoteId, string IdempotencyKey, long AmountCents, string SuccessUrl,
    string CancelUrl, DateTimeOffset ExpiresAt);

/// <summary>Why a checkout is refused before anything is created at Stripe.</summary>
public enum CheckoutRefusal
{
    AccountNotFound,
    AccountOnHold,
    MonthlyLimitExceeded,
}

/// <summary>The outcome of <see cref="CheckoutStore.BeginAsync"/>: the row, or the refusal with the month's figures.</summary>
public sealed record CheckoutBegun(CheckoutRow? Checkout, CheckoutRefusal? Refusal, long UsedCents, long LimitCents, string? HoldNote);

/// <summary>
/// What Stripe says about a Checkout Session, re-retrieved by fulfilment: its status (open | complete | expired), its
/// payment_status (paid | unpaid | no_payment_required), the amount charged, the PaymentIntent and our quote id from its
/// metadata. <see cref="PayloadJson"/> is kept with the ledger payment for audit.
/// </summary>
public sealed record SessionSnapshot(string SessionId, string Status, string PaymentStatus, long? AmountTotal, string? Currency,
    string? PaymentIntent, string? QuoteId, string PayloadJson);

/// <summary>What one fulfilment call did.</summary>
public enum FulfilmentOutcome
{
    /// <summary>Not one of ours (no checkout for the session nor for the quote in its metadata).</summary>
    Unknown,
    /// <summary>Paid now: the ledger payment was recorded; its credit follows.</summary>
    Credited,
    /// <summary>Fulfilled before (by the webhook or the redirect): nothing more done.</summary>
    AlreadyCredited,
    /// <summary>Not paid (yet): an async payment in progress, or the buyer has not paid.</summary>
    AwaitingPayment,
    /// <summary>Paid while the account is on hold: nothing credited until an operator resolves the hold.</summary>
    Held,
    /// <summary>The money went back (refund or dispute) before the Ozone was credited: never credited.</summary>
    Reversed,
    Expired,
    Failed,
}
