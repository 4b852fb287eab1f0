using System.Text.Json;
using System.Text.Json.Serialization;

namespace StratosBridge.Api.Accounts;

/// <summary>
/// <c>PATCH /v1/admin/accounts/{id}</c>: what changes; absent or null members stay as they are. <see cref="Status"/> is
/// <c>active</c> or <c>on-hold</c>; <see cref="Note"/> becomes the status note (why it is on hold, how a hold was
/// resolved) and is required to take an account from <c>on-hold</c> back to <c>active</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdateAccountRequest(
    string? Name,
    string? ContactEmail,
    string? Wallet,
    JsonElement? MonthlyLimitCents,
    JsonElement? MonthlyLimitUsd,
    string? Status,
    string? Note);
