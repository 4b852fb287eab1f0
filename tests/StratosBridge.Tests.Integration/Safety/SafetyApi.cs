using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StratosBridge.Tests.Integration.Api;

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

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage answer) => JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;

    private static HttpClient Admin(Uri url)
    {
        var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        return http;
    }

    public void Dispose() => _http.Dispose();
}
