using System.Security.Cryptography;
using System.Text;
using StratosBridge.Api.Problems;
using StratosBridge.Ledger.Idempotency;

namespace StratosBridge.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on our own POSTs (quotes, checkouts, accounts, keys, webhooks): the first request with a key runs
/// and its answer is kept for 24 h; the same key with the same request (method, path, body) gets that answer again,
/// marked <c>Idempotent-Replayed: true</c>, without doing the work twice — also when sent in parallel (the others wait for
/// the first). The same key with another request is 422 <c>idempotency-key-reused</c>. Keys are per client: the bearer
/// credential sent (API key or admin token, as a hash), or one shared scope for anonymous callers, who should use random
/// keys (a UUID). Answers of 5xx, 409 and 429 are not kept: a retry runs again. The Stripe webhook has its own dedupe
/// (the event id) and is left alone.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const string Reused = "idempotency-key-reused";
    public const string Invalid = "invalid-idempotency-key";
    public const string InProgress = "idempotency-key-in-progress";

    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private static long _nextPrune;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Headers.TryGetValue(Header, out var values)
            || !request.Path.StartsWithSegments("/v1", StringComparison.Ordinal) || request.Path.StartsWithSegments("/v1/fiat/stripe", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > 255 || key.Any(c => c < 0x21 || c > 0x7e))
        {
            await WriteProblemAsync(context, ApiProblem.Create(StatusCodes.Status400BadRequest, Invalid, "Invalid Idempotency-Key",
                "an Idempotency-Key is 1 to 255 visible ASCII characters (a UUID is a good choice)"));
            return;
        }
        await PruneNowAndThenAsync(context.RequestAborted);
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        request.Body.Position = 0;
        var scope = Scope(request);
        var fingerprint = Fingerprint(request, body.ToArray());
        var kept = await store.ClaimAsync(scope, key, request.Method, request.Path.Value ?? "", fingerprint, context.RequestAborted);
        if (kept is not null)
        {
            await ReplayAsync(context, scope, key, kept, fingerprint);
            return;
        }
        await RunAndKeepAsync(context, scope, key);
    }

    private async Task RunAndKeepAsync(HttpContext context, string scope, string key)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }
        context.Response.Body = original;
        var status = context.Response.StatusCode;
        if (status >= 500 || status is StatusCodes.Status409Conflict or StatusCodes.Status429TooManyRequests)
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
        }
        else
        {
            await store.KeepAsync(scope, key, status, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                buffer.ToArray(), CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task ReplayAsync(HttpContext context, string scope, string key, KeptAnswer first, byte[] fingerprint)
    {
        KeptAnswer? kept = first;
        if (!CryptographicOperations.FixedTimeEquals(first.RequestSha256, fingerprint))
        {
            await WriteProblemAsync(context, ApiProblem.Invalid(Reused, "Idempotency-Key reused",
                $"this Idempotency-Key was used within 24 h for another request ({first.Method} {first.Path} with another body); use a new key for a new request"));
            return;
        }
        var deadline = DateTimeOffset.UtcNow + WaitForFirst;
        while (kept is { Status: null } && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100, context.RequestAborted);
            kept = await store.ReadAsync(scope, key, context.RequestAborted);
        }
        if (kept is null)
        {
            // the first request failed and let the key go: this one runs in its place
            if (await store.ClaimAsync(scope, key, context.Request.Method, context.Request.Path.Value ?? "", fingerprint, context.RequestAborted) is { } again)
            {
                await ReplayAsync(context, scope, key, again, fingerprint);
                return;
            }
            await RunAndKeepAsync(context, scope, key);
            return;
        }
        if (kept.Status is not { } status)
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, ApiProblem.Create(StatusCodes.Status409Conflict, InProgress, "Request in progress",
                "the first request with this Idempotency-Key is still being served; try again in a moment"));
            return;
        }
        logger.LogInformation("Idempotent replay of {Method} {Path} (key scope {Scope})", kept.Method, kept.Path, scope[..Math.Min(scope.Length, 16)]);
        context.Response.StatusCode = status;
        if (kept.ContentType is { } type)
        {
            context.Response.ContentType = type;
        }
        if (kept.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }
        context.Response.Headers[ReplayedHeader] = "true";
        if (kept.Body is { Length: > 0 } bytes)
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>Whose keys these are: a hash of the bearer credential sent, or the anonymous scope.</summary>
    private static string Scope(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { Length: > 0 } authorization
            ? "bearer:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)))[..32]
            : "anonymous";

    private static byte[] Fingerprint(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    private async Task PruneNowAndThenAsync(CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.Ticks;
        var due = Interlocked.Read(ref _nextPrune);
        if (now >= due && Interlocked.CompareExchange(ref _nextPrune, now + PruneEvery.Ticks, due) == due)
        {
            var pruned = await store.PruneAsync(ct);
            if (pruned > 0)
            {
                logger.LogInformation("Pruned {Count} idempotent answer(s) older than 24 h", pruned);
            }
        }
    }

    private static Task WriteProblemAsync(HttpContext context, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem) =>
        problem.ExecuteAsync(context);
}
