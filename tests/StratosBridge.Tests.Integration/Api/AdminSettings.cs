namespace StratosBridge.Tests.Integration.Api;

/// <summary>The admin token the API tests configure (<c>Admin:Tokens:0</c>) and send to admin routes.</summary>
public static class AdminSettings
{
    public const string Token = "test-admin-token-6d0f3b9e2a7c4815b1e9f0a2";

    /// <summary><paramref name="settings"/> with <see cref="Token"/> as the one admin token.</summary>
    public static IReadOnlyDictionary<string, string?> With(IReadOnlyDictionary<string, string?> settings) =>
        new Dictionary<string, string?>(settings) { ["Admin:Tokens:0"] = Token };
}
