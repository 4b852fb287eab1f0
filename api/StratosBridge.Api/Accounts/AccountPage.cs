namespace StratosBridge.Api.Accounts;

/// <summary>What <c>GET /v1/admin/accounts</c> answers: a page of accounts, newest first, and the <c>before</c> cursor of the next (null on the last).</summary>
public sealed record AccountPage(IReadOnlyList<AccountView> Accounts, string? Next);
