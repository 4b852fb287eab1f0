using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using StratosBridge.Fiat.Accounts;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Auth;

/// <summary>
/// Who may call a route group, as endpoint filters (they run before the handler, after routing):
/// <see cref="RequireAdmin"/> for operators (<c>Authorization: Bearer &lt;admin token&gt;</c>, section <c>Admin</c>) and
/// <see cref="RequireApiKey"/> for business accounts (<c>Authorization: Bearer sbk_…</c>); a handler behind the latter
/// reads its account with <see cref="Account"/>. Refusals are ProblemDetails (<see cref="AuthProblems"/>).
/// </summary>
public static class AuthExtensions
{
    private static readonly object AccountItem = new();
    private static readonly object KeyItem = new();

    /// <summary>
    /// Operators only: 401 <c>admin-token-required</c> without a bearer token, 401 <c>invalid-admin-token</c> for one that is
    /// not configured (both with <c>WWW-Authenticate: Bearer</c>), 403 <c>admin-disabled</c> when no token is configured.
    /// </summary>
    public static RouteGroupBuilder RequireAdmin(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(AdminAsync);
        return group;
    }

    /// <summary>
    /// Business accounts only: 401 <c>api-key-required</c> without a bearer key, <c>invalid-api-key</c> for an unknown
    /// one, <c>api-key-revoked</c> for a revoked one (all with <c>WWW-Authenticate: Bearer</c>). The handler reads the
    /// key's account with <see cref="Account"/>; an account on hold still authenticates (it may read its own state).
    /// </summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(ApiKeyAsync);
        return group;
    }

    /// <summary>The business account whose API key authenticated this request (as read when it was authenticated).</summary>
    /// <exception cref="InvalidOperationException">The route is not behind <see cref="RequireApiKey"/>.</exception>
    public static BusinessAccountRow Account(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(AccountItem, out var account) && account is BusinessAccountRow row
            ? row
            : throw new InvalidOperationException(
                $"no API key authenticated this request: {context.Request.Path} is not in a route group with RequireApiKey()");
    }

    /// <summary>The API key that authenticated this request (its prefix, label, times; never the key).</summary>
    /// <exception cref="InvalidOperationException">The route is not behind <see cref="RequireApiKey"/>.</exception>
    internal static ApiKeyRow ApiKey(this HttpContext context) =>
        context.Items.TryGetValue(KeyItem, out var key) && key is ApiKeyRow row
            ? row
            : throw new InvalidOperationException(
                $"no API key authenticated this request: {context.Request.Path} is not in a route group with RequireApiKey()");

    /// <summary>
    /// Null when the request carries one of the configured admin tokens; otherwise the refusal <see cref="RequireAdmin"/>
    /// answers (for a route that shows more to operators than to everyone).
    /// </summary>
    internal static ProblemHttpResult? RefuseUnlessAdmin(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<AdminTokens>();
        if (!tokens.Enabled)
        {
            return AuthProblems.Disabled();
        }
        if (!BearerToken.TryRead(context.Request, out var token))
        {
            return AuthProblems.Missing(context, AuthProblems.AdminTokenRequired, "Admin token required",
                "this route is for operators: send 'Authorization: Bearer <admin token>' (one of the tokens configured as Admin__Tokens__N)");
        }
        if (!tokens.Matches(token))
        {
            Logger(context).LogWarning("Admin request refused: the bearer token is not an admin token ({Method} {Path} from {RemoteIp})",
                context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress?.ToString());
            return AuthProblems.Refused(context, AuthProblems.InvalidAdminToken, "Invalid admin token",
                "the bearer token is not one of the configured admin tokens (Admin__Tokens__N)");
        }
        return null;
    }

    private static async ValueTask<object?> AdminAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        RefuseUnlessAdmin(invocation.HttpContext) is { } refusal ? refusal : await next(invocation);

    private static async ValueTask<object?> ApiKeyAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        await AuthenticateApiKeyAsync(invocation.HttpContext) is { } refused ? refused : await next(invocation);

    /// <summary>
    /// For a route open to everyone that does more for an account (a quote created with an API key belongs to its account):
    /// null when the request sends no credential or a valid API key (then <see cref="Account"/> is set); otherwise the same
    /// refusal as <see cref="RequireApiKey"/> — a key that is sent must be valid.
    /// </summary>
    internal static async Task<ProblemHttpResult?> OptionalApiKeyAsync(HttpContext context) =>
        context.Request.Headers.Authorization.Count == 0 ? null : await AuthenticateApiKeyAsync(context);

    /// <summary>The account of the request's API key, or null when the request has none.</summary>
    internal static BusinessAccountRow? AccountOrNull(this HttpContext context) =>
        context.Items.TryGetValue(AccountItem, out var account) ? account as BusinessAccountRow : null;

    private static async Task<ProblemHttpResult?> AuthenticateApiKeyAsync(HttpContext context)
    {
        if (!BearerToken.TryRead(context.Request, out var key))
        {
            return AuthProblems.Missing(context, AuthProblems.ApiKeyRequired, "API key required",
                $"send your business account's API key as 'Authorization: Bearer {ApiKeys.Marker}…'");
        }
        if (!ApiKeys.LooksLikeKey(key))
        {
            return AuthProblems.Refused(context, AuthProblems.InvalidApiKey, "Invalid API key",
                $"the bearer token is not an API key: keys start with '{ApiKeys.Marker}' and have {ApiKeys.Length} characters");
        }
        var store = context.RequestServices.GetRequiredService<BusinessAccountStore>();
        var prefix = ApiKeys.Prefix(key);
        if (await store.AuthenticateAsync(ApiKeys.Sha256(key), context.RequestAborted) is not { } found)
        {
            return AuthProblems.Refused(context, AuthProblems.InvalidApiKey, "Invalid API key",
                $"no API key {prefix}… exists: check the key, or ask an operator for a new one");
        }
        var (account, row) = found;
        if (row.RevokedAt is { } revokedAt)
        {
            Logger(context).LogInformation("Revoked API key {KeyPrefix} of account {AccountId} refused", row.Prefix, account.Id);
            return AuthProblems.Refused(context, AuthProblems.ApiKeyRevoked, "API key revoked",
                $"the API key {row.Prefix}… was revoked at " +
                $"{revokedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}: use another key of the account, " +
                "or ask an operator for a new one");
        }
        context.Items[AccountItem] = account;
        context.Items[KeyItem] = row;
        return null;
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthExtensions));
}
