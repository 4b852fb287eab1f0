using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;

namespace StratosBridge.Api.Jobs;

/// <summary>
/// The answer to an operator's action carried out by a job (202): the Hangfire job's id, its page on the dashboard, the
/// decision's id (it takes effect once, however often the job runs) and the subject as it is now.
/// </summary>
public sealed record OperatorJobView(string JobId, string Job, string Decision, object Subject)
{
    /// <summary>A new decision id (<c>dec_</c> + 16 random bytes, hex).</summary>
    public static string NewDecision() => "dec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string JobPage(string jobId) => $"{JobsDashboard.Path}/jobs/details/{jobId}";

    public static Accepted<OperatorJobView> Accepted(string jobId, string decision, object subject) =>
        TypedResults.Accepted(JobPage(jobId), new OperatorJobView(jobId, JobPage(jobId), decision, subject));
}
