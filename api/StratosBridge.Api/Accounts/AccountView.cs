using StratosBridge.Api.Quotes;

namespace StratosBridge.Api.Accounts;

/// <summary>
/// An account for operators: its <see cref="Kind"/> (<c>business</c>, <c>dapp</c>), its wallet in both forms
/// (<c>{hex, bech32}</c>, like a payment's beneficiary; null for a dApp without one), the
/// monthly card limit in cents and as a USD decimal string, its status (<c>active</c>, <c>on-hold</c>) and status note.
/// </summary>
public sealed record AccountView(
    long Id,
    string Kind,
    string Name,
    string ContactEmail,
    BeneficiaryView? Wallet,
    long MonthlyLimitCents,
    string MonthlyLimitUsd,
    string Status,
    string? StatusNote,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
