namespace StratosBridge.Api.Accounts;

/// <summary>What <c>GET /v1/admin/accounts/{id}/keys</c> answers: every key of the account, revoked ones included, oldest first.</summary>
public sealed record ApiKeyList(IReadOnlyList<ApiKeyView> Keys);
