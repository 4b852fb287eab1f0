using StratosBridge.Api.Quotes;

namespace StratosBridge.Api.Accounts;

/// <summary>
/// A business account for operators: its wallet in both forms (<c>{hex, bech32}</c>, like a payment's beneficiary), the
/// monthly card limit in cents and as a USD decimal string, its status (<c>active</c>, <c>on-hold</c>) and status note.
/// </summary>
public sealed record AccountView(
    long Id,
    string Name,
    string ContactEmail,
    BeneficiaryView Wallet,
    long MonthlyLimitCents,
    string MonthlyLimitUsd,
    string Status,
    string? StatusNote,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
