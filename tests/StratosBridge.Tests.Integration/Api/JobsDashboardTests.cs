using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>Hangfire's dashboard at /ops/jobs: operators only, with the admin token; no anonymous or read-only view.</summary>
public sealed class JobsDashboardTests
{
    private static async Task<(HttpStatusCode Status, string? Type, string Body, string Challenge)> GetAsync(InProcessApi api, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await api.Http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(),
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_dashboard_answers_401_without_the_admin_token_and_shows_the_jobs_with_it()
    {
        await using var api = await InProcessApi.StartAsync("api_jobs_dashboard", AdminSettings.With(ApiChains.Settings));
        api.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate("reconcile", () => Console.WriteLine("reconcile"), "0 3 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

        foreach (var path in new[] { "/ops/jobs", "/ops/jobs/recurring", "/ops/jobs/stats", "/ops/jobs/css18025" })
        {
            var anonymous = await GetAsync(api, path, null);
            Assert.True(anonymous.Status == HttpStatusCode.Unauthorized, $"GET {path} without a token: {anonymous.Status} {anonymous.Body}");
            Assert.Equal("admin-token-required", JsonNode.Parse(anonymous.Body)!["code"]!.GetValue<string>());
            Assert.Contains("Bearer", anonymous.Challenge);
            Assert.DoesNotContain("reconcile", anonymous.Body);

            var wrong = await GetAsync(api, path, "not-the-admin-token-but-long-enough-to-look-like-one");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Equal("invalid-admin-token", JsonNode.Parse(wrong.Body)!["code"]!.GetValue<string>());
        }

        var home = await GetAsync(api, "/ops/jobs", AdminSettings.Token);
        Assert.True(home.Status == HttpStatusCode.OK, $"GET /ops/jobs as an operator: {home.Status} {home.Body}");
        Assert.Equal("text/html", home.Type);
        Assert.Contains("StratosBridge jobs", home.Body);
        var recurring = await GetAsync(api, "/ops/jobs/recurring", AdminSettings.Token);
        Assert.Equal(HttpStatusCode.OK, recurring.Status);
        Assert.Contains("reconcile", recurring.Body);
        Assert.Contains("0 3 * * *", recurring.Body);
    }
}
