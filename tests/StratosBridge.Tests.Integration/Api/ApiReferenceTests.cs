using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Tests.Integration.Accounts;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>
/// The OpenAPI document describes every route the api role serves (none missing), says who may call each, and the live
/// answers of documented routes have the documented shape; <c>/docs</c> works offline.
/// </summary>
public sealed class ApiReferenceTests
{
    private static Task<InProcessApi> StartAsync(string hint) =>
        InProcessApi.StartAsync(hint, AdminSettings.With(ApiChains.Settings));

    [Fact]
    public async Task Every_v1_route_is_in_the_document_with_its_security_and_request_body()
    {
        await using var api = await StartAsync("openapi_routes");
        var (status, _, doc, _) = await api.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        var paths = doc["paths"]!.AsObject();

        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m.ToLowerInvariant(), Path: Pattern(e.RoutePattern.RawText!))))
            .Distinct().ToList();
        Assert.True(routes.Count > 30, $"only {routes.Count} routes found");
        var missing = routes.Where(r => paths[r.Path]?[r.Method] is null).Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.True(missing.Count == 0, "missing from /openapi/v1.json: " + string.Join(", ", missing));

        Assert.Equal("adminToken", Security(paths["/v1/admin/accounts"]!["post"]!));
        Assert.Equal("apiKey", Security(paths["/v1/account/webhooks"]!["post"]!));
        Assert.Null(paths["/v1/quotes/{id}"]!["get"]!["security"]);
        var createQuote = paths["/v1/quotes"]!["post"]!;
        Assert.NotNull(createQuote["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.Contains("invalid-beneficiary", createQuote["responses"]!["422"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("invalid-json", createQuote["responses"]!["400"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("api-key-revoked", paths["/v1/account/webhooks"]!["post"]!["responses"]!["401"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_answers_have_the_documented_shape()
    {
        await using var api = await StartAsync("openapi_shapes");
        var (_, _, doc, _) = await api.GetAsync("/openapi/v1.json");
        var (_, key) = await api.CreateKeyAsync(await api.CreateAccountAsync());
        var webhook = await api.SendAsync(HttpMethod.Post, "/v1/account/webhooks",
            AccountRequests.Json(new { url = "https://hooks.example.com/in", events = new[] { "credit.completed" } }), key);
        Check(doc, "/v1/account/webhooks", "post", "201", webhook.Json);
        Check(doc, "/v1/account/webhooks", "get", "200", (await api.SendAsync(HttpMethod.Get, "/v1/account/webhooks", bearer: key)).Json);
        Check(doc, "/v1/chains", "get", "200", (await api.GetAsync("/v1/chains")).Body);
        Check(doc, "/v1/account", "get", "200", (await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: key)).Json);
    }

    [Fact]
    public async Task The_interactive_reference_is_served_with_its_own_script_and_no_CDN()
    {
        await using var api = await StartAsync("openapi_docs");
        var at = new Uri("http://localhost/docs");
        var page = await api.Http.GetAsync(at.PathAndQuery);
        for (var hops = 0; page.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently && hops < 3; hops++)
        {
            at = new Uri(at, page.Headers.Location!);
            page = await api.Http.GetAsync(at.PathAndQuery);
        }
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {at}: {page.StatusCode}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("src=\"https?://", html);
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"([^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        var js = await api.Http.GetAsync(new Uri(at, script).PathAndQuery);
        Assert.True(js.StatusCode == HttpStatusCode.OK, $"GET {script} from {at}: {js.StatusCode}; page: {html}");
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 100_000, "the reference's script is not served");
    }

    private static string Pattern(string raw) =>
        System.Text.RegularExpressions.Regex.Replace(raw, "\\{([^}:?]+)(:[^}]*)?\\??\\}", "{$1}").TrimEnd('/') is { Length: > 0 } p ? p : raw;

    private static string? Security(JsonNode operation) =>
        operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)).SingleOrDefault();

    /// <summary>The live <paramref name="value"/> against the response schema the document gives (types, required and known members).</summary>
    private static void Check(JsonNode doc, string path, string method, string status, JsonNode? value)
    {
        var schema = doc["paths"]![path]![method]!["responses"]![status]!["content"]!["application/json"]!["schema"]!;
        var errors = new List<string>();
        Validate(doc, schema, value, "$", errors);
        Assert.True(errors.Count == 0, $"{method} {path} {status} differs from its schema: {string.Join("; ", errors)}");
    }

    private static void Validate(JsonNode doc, JsonNode schema, JsonNode? value, string at, List<string> errors)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate<string, JsonNode>(doc, (n, part) => n[part]!);
        }
        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        if (value is null)
        {
            if (types.Count > 0 && !types.Contains("null"))
            {
                errors.Add($"{at} is null, the schema says {string.Join("|", types)}");
            }
            return;
        }
        var kind = value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.Object => "object",
            System.Text.Json.JsonValueKind.Array => "array",
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "null",
        };
        if (types.Count > 0 && !types.Contains(kind) && !(kind == "number" && types.Contains("integer")))
        {
            errors.Add($"{at} is {kind}, the schema says {string.Join("|", types)}");
            return;
        }
        if (kind == "object" && schema["properties"] is JsonObject properties)
        {
            foreach (var (name, _) in value.AsObject().Where(p => !properties.ContainsKey(p.Key)))
            {
                errors.Add($"{at}.{name} is not in the schema");
            }
            foreach (var (name, property) in properties)
            {
                if (value[name] is not null || value.AsObject().ContainsKey(name))
                {
                    Validate(doc, property!, value[name], $"{at}.{name}", errors);
                }
                else if (schema["required"]?.AsArray().Any(r => r!.GetValue<string>() == name) == true)
                {
                    errors.Add($"{at}.{name} is required and missing");
                }
            }
        }
        if (kind == "array" && schema["items"] is { } items)
        {
            var i = 0;
            foreach (var item in value.AsArray())
            {
                Validate(doc, items, item, $"{at}[{i++}]", errors);
            }
        }
    }
}
