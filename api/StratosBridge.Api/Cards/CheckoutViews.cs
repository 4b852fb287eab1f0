using System.Globalization;
using StratosBridge.Api.Accounts;
using StratosBridge.Api.Payments;
using StratosBridge.Ledger.Fiat;
using StratosBridge.Ledger.Quotes;

namespace StratosBridge.Api.Cards;

/// <summary><c>POST /v1/fiat/checkout-sessions</c>: Ozone as <c>noz</c> or <c>oz</c>, or a <c>usd</c> amount; where the buyer goes after.</summary>
public sealed record CreateCheckoutRequest(string? Noz, string? Oz, string? Usd, string? SuccessUrl, string? CancelUrl);

/// <summary>A card checkout: pay at <see cref="Url"/>; <see cref="Settlement"/> follows the payment to the credit.</summary>
public sealed record CheckoutView(
    long Id,
    string Status,
    string? Url,
    string? StripeSessionId,
    UsdAmountView Amount,
    string QuoteId,
    string? Noz,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FulfilledAt,
    string? Note,
    SettlementView? Settlement)
{
    public static CheckoutView From(CheckoutRow row, QuoteRow? quote, SettlementView? settlement) => new(
        row.Id, row.Status, row.Status == "open" ? row.Url : null, row.StripeSessionId, UsdAmountView.Of(row.AmountCents), row.QuoteId,
        quote?.Noz?.ToString(CultureInfo.InvariantCulture), row.ExpiresAt, row.CreatedAt, row.FulfilledAt, row.LastError, settlement);
}

/// <summary>A USD amount in cents and as dollars (<c>"12.34"</c>).</summary>
public sealed record UsdAmountView(long Cents, string Usd)
{
    public static UsdAmountView Of(long cents) => new(cents, AccountViews.Usd(cents));

    /// <summary>Parses <c>"12"</c>, <c>"12.3"</c> or <c>"12.34"</c> (positive, at most 2 decimals) into cents.</summary>
    public static bool TryParseCents(string text, out long cents)
    {
        cents = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd) || usd <= 0 ||
            usd * 100 != decimal.Truncate(usd * 100) || usd > 1_000_000_000m)
        {
            return false;
        }
        cents = (long)(usd * 100);
        return true;
    }
}
