using System.Text.Json;
using System.Text.Json.Serialization;

namespace StratosBridge.Api.Accounts;

/// <summary>
/// <c>POST /v1/admin/accounts</c>: an account. <see cref="Kind"/> is <c>business</c> (the default) or <c>dapp</c>.
/// <see cref="Wallet"/> is the Stratos account credited (<c>st1…</c> or <c>0x…</c>): required for a business, optional for a
/// dApp. A business's monthly card limit is <see cref="MonthlyLimitUsd"/> (a decimal, at most 2 decimals, e.g.
/// <c>"1500.00"</c>) or <see cref="MonthlyLimitCents"/> (whole cents), one of them; a dApp pays no card checkouts and has
/// none. Unknown members are refused, so a misspelt one is not silently ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateAccountRequest(
    string? Name,
    string? ContactEmail,
    string? Wallet,
    JsonElement? MonthlyLimitCents,
    JsonElement? MonthlyLimitUsd,
    string? Kind = null);
