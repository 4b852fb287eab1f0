using System.Diagnostics.CodeAnalysis;
using Microsoft.Net.Http.Headers;

namespace StratosBridge.Api.Auth;

/// <summary>The credential of <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750 §2.1; the scheme is case-insensitive).</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out string? token)
    {
        token = null;
        var values = request.Headers[HeaderNames.Authorization];
        if (values.Count != 1 || values[0] is not { } header || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var credential = header[Scheme.Length..].Trim();
        if (credential.Length == 0)
        {
            return false;
        }
        token = credential;
        return true;
    }
}
