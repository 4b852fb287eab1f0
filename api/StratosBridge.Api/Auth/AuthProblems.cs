using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using StratosBridge.Api.Problems;

namespace StratosBridge.Api.Auth;

/// <summary>
/// The refusals of <see cref="AuthExtensions.RequireAdmin"/> and <see cref="AuthExtensions.RequireApiKey"/>: 401 with
/// <c>WWW-Authenticate: Bearer</c> (RFC 6750 §3; <c>error="invalid_token"</c> when a credential was sent) and a stable
/// code, or 403 <c>admin-disabled</c> when no admin token is configured.
/// </summary>
internal static class AuthProblems
{
    public const string AdminDisabled = "admin-disabled";
    public const string AdminTokenRequired = "admin-token-required";
    public const string InvalidAdminToken = "invalid-admin-token";
    public const string ApiKeyRequired = "api-key-required";
    public const string InvalidApiKey = "invalid-api-key";
    public const string ApiKeyRevoked = "api-key-revoked";

    private const string Realm = "StratosBridge";

    public static ProblemHttpResult Disabled() => ApiProblem.Create(StatusCodes.Status403Forbidden, AdminDisabled,
        "Admin access is not configured",
        $"no admin token is configured, so admin routes are closed: set the environment variable Admin__Tokens__0 (at least " +
        $"{AdminOptions.MinTokenLength} characters, e.g. from 'openssl rand -base64 32'; more as Admin__Tokens__1, …) and restart the service");

    /// <summary>401 for a request that sent no bearer credential.</summary>
    public static ProblemHttpResult Missing(HttpContext context, string code, string title, string detail)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer realm=\"{Realm}\"";
        return ApiProblem.Create(StatusCodes.Status401Unauthorized, code, title, detail);
    }

    /// <summary>401 for a request whose bearer credential is not accepted.</summary>
    public static ProblemHttpResult Refused(HttpContext context, string code, string title, string detail)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer realm=\"{Realm}\", error=\"invalid_token\"";
        return ApiProblem.Create(StatusCodes.Status401Unauthorized, code, title, detail);
    }
}
