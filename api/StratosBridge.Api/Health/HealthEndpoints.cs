using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StratosBridge.Api.Health;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (ledger and every chain RPC, as JSON). Each check's
/// own description is shown, never an exception's text: a check that threw is shown as failed, and the error is in the
/// service log only.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = (long)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = Describe(e.Value),
                durationMs = (long)e.Value.Duration.TotalMilliseconds,
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    /// <summary>
    /// The check's description, unless the check threw: the health check service then makes the exception's message the
    /// description, and that text (hosts, ports, users, a node's error) is not for a public probe.
    /// </summary>
    private static string? Describe(HealthReportEntry entry) =>
        entry.Exception is { } e && entry.Description == e.Message ? "the check failed (the error is in the service log)" : entry.Description;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
