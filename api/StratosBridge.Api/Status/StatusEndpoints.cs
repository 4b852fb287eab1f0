using StratosBridge.Api.Docs;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Paging;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Api.Status;

/// <summary>
/// <c>GET /v1/status</c>: without credentials, the public summary (<see cref="PublicStatus"/>: chains up or down); with
/// <c>Authorization: Bearer &lt;admin token&gt;</c>, the operational detail (<see cref="ServiceStatus"/>). Any other
/// credential is refused as on the admin routes (401 <c>invalid-admin-token</c>, 403 <c>admin-disabled</c>).
/// For operators also <c>GET /v1/admin/source-events/failed</c> (the logs of watched contracts that could not be decoded,
/// with their raw logs and reasons, newest first, paged).
/// </summary>
public static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/status", GetAsync).WithName("GetStatus").RequireRateLimiting(AnonymousRateLimits.Lookups);
        v1.MapGroup("/admin").RequireAdmin().MapGet("/source-events/failed", FailedAsync).WithName("GetFailedSourceEvents").WithMetadata(new ProblemCodes(422, PageRequest.InvalidLimit));
    }

    private static async Task<Results<Ok<ServiceStatus>, Ok<PublicStatus>, ProblemHttpResult>> GetAsync(HttpContext context,
        StatusReader reader, CancellationToken ct)
    {
        if (!context.Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            return TypedResults.Ok(await reader.ReadPublicAsync(ct));
        }
        if (AuthExtensions.RefuseUnlessAdmin(context) is { } refusal)
        {
            return refusal;
        }
        return TypedResults.Ok(await reader.ReadAsync(ct));
    }

    private static async Task<Results<Ok<FailedSourceEventPage>, ProblemHttpResult>> FailedAsync([FromQuery] string? limit,
        [FromQuery] string? before, FailedSourceEventQueries failures, CancellationToken ct)
    {
        if (!PageRequest.TryParse(limit, before, out var page, out var problem))
        {
            return problem;
        }
        var events = await failures.LatestAsync(page.Limit + 1, page.Before, ct);
        var shown = events.Take(page.Limit).Select(FailedSourceEventDetail.Of).ToList();
        var next = events.Count > page.Limit ? shown[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new FailedSourceEventPage(shown, next));
    }
}
