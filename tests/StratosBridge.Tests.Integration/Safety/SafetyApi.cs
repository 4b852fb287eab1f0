using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Safety;

/// <summary>An operator's calls to a running service's pause routes and status, with the admin token of <see cref="AdminSettings"/>.</summary>
internal sealed class SafetyApi(Uri url) : IDisposable
{
    private readonly HttpClient _http = Admin(url);

    /// <summary>The settings that give a service <see cref="AdminSettings.Token"/> as its admin token.</summary>
    public static Dictionary<string, string?> AdminToken(Dictionary<string, string?> settings)
    {
        settings["Admin:Tokens:0"] = AdminSettings.Token;
        return settings;
    }

    public Task<HttpResponseMessage> PauseAsync(object body) => _http.PostAsJsonAsync("/v1/admin/pauses", body);

    /// <summary>Posts <paramref name="body"/> as it is (e.g. not JSON) to <paramref name="path"/>, with the admin token.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string path, string body) =>
        _http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> ResumeAsync(long id, object body) => _http.PostAsJsonAsync($"/v1/admin/pauses/{id}/resume", body);

    /// <summary>The operators' status (pauses in force, reconciliation results).</summary>
    public async Task<JsonNode> StatusAsync() => JsonNode.Parse(await _http.GetStringAsync("/v1/status"))!;

    /// <summary>The pauses in force, as the operators' status shows them.</summary>
    public async Task<JsonArray> PausesInForceAsync() => (await StatusAsync())["pauses"]!.AsArray();

    /// <summary>A reconciliation check's latest result as the operators' status shows it (<c>route:ethereum&gt;stratos</c>, <c>cards</c>, …), or null.</summary>
    public async Task<JsonNode?> CheckAsync(string key) =>
        (await StatusAsync())["reconciliation"]!.AsArray().FirstOrDefault(c => c!["check"]!.GetValue<string>() == key)?.DeepClone();

    /// <summary>Waits for reconciliation's pause of <paramref name="scope"/> (one cycle, with a margin for a busy machine) and returns it.</summary>
    public async Task<JsonNode> ReconciliationPauseAsync(string scope, ChildProcess service)
    {
        static bool Ours(JsonNode? p, string scope) =>
            p!["origin"]!.GetValue<string>() == "reconciliation" && p["scope"]!.GetValue<string>() == scope;
        var pauses = await Eventually.HoldsAsync(PausesInForceAsync, p => p.Any(x => Ours(x, scope)), TimeSpan.FromSeconds(60),
            $"reconciliation to pause {scope}\n{service.OutputTail}");
        var pause = pauses.Single(x => Ours(x, scope))!;
        Assert.Equal("system:reconciliation", pause["pausedBy"]!.GetValue<string>());
        return pause.DeepClone();
    }

    /// <summary>Waits until the check has been recorded <paramref name="runs"/> more times.</summary>
    public async Task AfterRunsAsync(string key, int runs, ChildProcess service)
    {
        for (var i = 0; i < runs; i++)
        {
            var seen = (await CheckAsync(key))!["checkedAt"]!.GetValue<DateTimeOffset>();
            await Eventually.HoldsAsync(() => CheckAsync(key), c => c!["checkedAt"]!.GetValue<DateTimeOffset>() > seen, TimeSpan.FromSeconds(60),
                $"another run of {key}\n{service.OutputTail}");
        }
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage answer) => JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;

    private static HttpClient Admin(Uri url)
    {
        var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        return http;
    }

    public void Dispose() => _http.Dispose();
}
