using System.Text.Json.Serialization;

namespace StratosBridge.Api.Accounts;

/// <summary><c>POST /v1/admin/accounts/{id}/keys</c>: an optional <see cref="Label"/> saying where the key is used (the body may be empty).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateApiKeyRequest(string? Label);
