using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using StratosBridge.Api.Auth;
using StratosBridge.Api.RateLimiting;

namespace StratosBridge.Api.Status;

/// <summary>
/// <c>GET /v1/status</c>: without credentials, the public summary (<see cref="PublicStatus"/>: chains up or down); with
/// <c>Authorization: Bearer &lt;admin token&gt;</c>, the operational detail (<see cref="ServiceStatus"/>). Any other
/// credential is refused as on the admin routes (401 <c>invalid-admin-token</c>, 403 <c>admin-disabled</c>).
/// </summary>
public static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/status", GetAsync).WithName("GetStatus").RequireRateLimiting(AnonymousRateLimits.Lookups);

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
}
