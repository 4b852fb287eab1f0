using StratosBridge.Api.Quotes;

namespace StratosBridge.Api.Accounts;

/// <summary>
/// <c>GET /v1/account</c>: the account of the API key used — its kind (<c>business</c>, <c>dapp</c>), its wallet in both forms
/// (null for a dApp without one), status and status note,
/// the monthly card limit and this month's use of it (checkouts that may be charged, since the 1st, UTC) — and <see cref="KeyPrefix"/>, which of its keys made the request.
/// </summary>
public sealed record OwnAccountView(
    long Id,
    string Kind,
    string Name,
    string ContactEmail,
    BeneficiaryView? Wallet,
    string Status,
    string? StatusNote,
    long MonthlyLimitCents,
    string MonthlyLimitUsd,
    long UsedThisMonthCents,
    string UsedThisMonthUsd,
    long RemainingThisMonthCents,
    string KeyPrefix);
