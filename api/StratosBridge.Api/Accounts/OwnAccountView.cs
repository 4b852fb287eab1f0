using StratosBridge.Api.Quotes;

namespace StratosBridge.Api.Accounts;

/// <summary>
/// <c>GET /v1/account</c>: the business account of the API key used — its wallet in both forms, status and status note,
/// the monthly card limit — and <see cref="KeyPrefix"/>, which of its keys made the request.
/// </summary>
/// <remarks>This month's card usage (paid so far, what is left of the limit) belongs here, next to the limit.</remarks>
public sealed record OwnAccountView(
    long Id,
    string Name,
    string ContactEmail,
    BeneficiaryView Wallet,
    string Status,
    string? StatusNote,
    long MonthlyLimitCents,
    string MonthlyLimitUsd,
    string KeyPrefix);
