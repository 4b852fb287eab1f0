using Hangfire;
using Hangfire.Dashboard;
using StratosBridge.Api.Auth;

namespace StratosBridge.Api.Jobs;

/// <summary>
/// Hangfire's dashboard for operators at <see cref="Path"/>: every request (pages, their scripts and styles, the retry
/// and delete buttons) needs an admin token (<c>Authorization: Bearer …</c>, as the admin API), else the admin API's
/// refusal (401 <c>admin-token-required</c> / <c>invalid-admin-token</c>, 403 <c>admin-disabled</c>). There is no
/// anonymous or read-only view. The dashboard asks the same check again through its own authorization filter.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/ops/jobs";

    public static void Map(WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (context, next) =>
        {
            if (AuthExtensions.RefuseUnlessAdmin(context) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            await next(context);
        }));
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            AsyncAuthorization = [],
            AppPath = "/v1/status",
            DashboardTitle = "StratosBridge jobs",
            DisplayStorageConnectionString = false,
        });
    }

    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => AuthExtensions.RefuseUnlessAdmin(context.GetHttpContext()) is null;
    }
}
