using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Tests.Integration.Accounts;
using StratosBridge.Tests.Integration.Quotes;

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
    public async Task Every_documented_example_has_the_shape_of_the_live_answer_of_its_route()
    {
        await using var h = await PricingHarness.StartAsync("openapi_examples", new Dictionary<string, string?> { ["Admin:Tokens:0"] = AdminSettings.Token });
        await h.WarmAsync();
        var doc = JsonNode.Parse(await h.Http.GetStringAsync("/openapi/v1.json"))!;
        var documented = Examples(doc);

        using var admin = Client(h, AdminSettings.Token);
        var account = await Live(admin, HttpMethod.Post, "/v1/admin/accounts",
            new { name = "Acme Storage", contactEmail = "billing@acme.example", wallet = Wallets.Alice, monthlyLimitUsd = "1500" });
        var key = (await Live(admin, HttpMethod.Post, $"/v1/admin/accounts/{account!["id"]}/keys", null))!["key"]!.GetValue<string>();
        using var business = Client(h, key);
        var live = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["post /v1/quotes 201"] = await Live(business, HttpMethod.Post, "/v1/quotes", new { beneficiary = Wallets.Alice, payAsset = "ETH", oz = "1" }),
            ["get /v1/account 200"] = await Live(business, HttpMethod.Get, "/v1/account", null),
            ["post /v1/account/webhooks 201"] = await Live(business, HttpMethod.Post, "/v1/account/webhooks",
                new { url = "https://hooks.example.com/in", events = new[] { "credit.completed" } }),
            ["post /v1/account/webhooks 422"] = await Live(business, HttpMethod.Post, "/v1/account/webhooks",
                new { url = "https://10.1.2.3/hooks", events = new[] { "credit.completed" } }, HttpStatusCode.UnprocessableEntity),
            ["get /v1/account/webhooks 200"] = await Live(business, HttpMethod.Get, "/v1/account/webhooks", null),
            ["post /v1/account/keys 201"] = await Live(business, HttpMethod.Post, "/v1/account/keys", new { label = "ci runner" }),
            ["get /v1/account/keys 200"] = await Live(business, HttpMethod.Get, "/v1/account/keys", null),
        };
        var endpoint = live["post /v1/account/webhooks 201"]!["id"]!.GetValue<long>();
        await Live(business, HttpMethod.Post, $"/v1/account/webhooks/{endpoint}/test", null, HttpStatusCode.Accepted);
        live["get /v1/account/webhooks/{id}/deliveries 200"] = await Live(business, HttpMethod.Get, $"/v1/account/webhooks/{endpoint}/deliveries", null);

        // every example is checked here: a new one without a live answer fails, as does one whose route no longer has it
        Assert.Equal(live.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        var errors = new List<string>();
        foreach (var (name, example) in documented)
        {
            SameShape(example, live[name], name + " $", errors);
            if (name.EndsWith(" 200", StringComparison.Ordinal) || name.EndsWith(" 201", StringComparison.Ordinal))
            {
                var parts = name.Split(' ');
                Validate(doc, doc["paths"]![parts[1]]![parts[0]]!["responses"]![parts[2]]!["content"]!["application/json"]!["schema"]!, example, name + " example $", errors);
            }
        }
        Assert.True(errors.Count == 0, "documented examples differ from the live answers:\n" + string.Join("\n", errors) + "\nlive:\n"
            + string.Join("\n", live.Select(l => $"{l.Key}: {l.Value?.ToJsonString()}")));
    }

    [Fact]
    public async Task Every_route_that_looks_something_up_documents_the_codes_it_refuses_with()
    {
        await using var api = await StartAsync("openapi_problems");
        var (_, _, doc, _) = await api.GetAsync("/openapi/v1.json");
        var lacking = new List<string>();
        foreach (var (path, operations) in doc["paths"]!.AsObject().Where(p => p.Key.Contains('{', StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                if (!responses.Any(r => r.Key is "404" or "422" && r.Value!["description"]!.GetValue<string>().Contains("`code` is one of", StringComparison.Ordinal)))
                {
                    lacking.Add($"{method} {path}");
                }
            }
        }
        Assert.True(lacking.Count == 0, "routes with a path parameter that document no 404/422 codes: " + string.Join(", ", lacking));
        var checkout = doc["paths"]!["/v1/fiat/checkout-sessions"]?["post"];
        Assert.Null(checkout); // card payments are off here: their routes are not served, so not documented
        Assert.Contains("rate-limited", doc["paths"]!["/v1/quotes/{id}"]!["get"]!["responses"]!["429"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("key-in-use", doc["paths"]!["/v1/account/keys/{keyId}"]!["delete"]!["responses"]!["409"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
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

    /// <summary>Every example in the document: "method path status" → the example.</summary>
    private static Dictionary<string, JsonNode?> Examples(JsonNode doc)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (path, operations) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]?.AsObject() ?? [])
                {
                    foreach (var (_, media) in response!["content"]?.AsObject() ?? [])
                    {
                        if (media!.AsObject().TryGetPropertyValue("example", out var example))
                        {
                            result[$"{method} {path} {status}"] = example;
                        }
                    }
                }
            }
        }
        return result;
    }

    private static HttpClient Client(PricingHarness h, string bearer)
    {
        var http = new HttpClient { BaseAddress = h.Url };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    /// <summary>The JSON answer of a request, which must have <paramref name="expected"/> (or 200/201 when not given).</summary>
    private static async Task<JsonNode?> Live(HttpClient http, HttpMethod method, string path, object? body, HttpStatusCode? expected = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected is { } e ? response.StatusCode == e : response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>
    /// The same shape: the same members at every depth (an empty example object stands for a free-form one) with the same
    /// JSON kinds; a null on either side is a value a nullable member may not have; array items are compared with the first
    /// live item.
    /// </summary>
    private static void SameShape(JsonNode? example, JsonNode? live, string at, List<string> errors)
    {
        if (example is null || live is null)
        {
            return;
        }
        var (documented, answered) = (Kind(example), Kind(live));
        if (documented != answered)
        {
            errors.Add($"{at}: documented as {documented}, answered {answered}");
            return;
        }
        if (documented == "object" && example.AsObject().Count > 0)
        {
            var (e, l) = (example.AsObject(), live.AsObject());
            errors.AddRange(e.Where(p => !l.ContainsKey(p.Key)).Select(p => $"{at}.{p.Key}: documented, not answered"));
            errors.AddRange(l.Where(p => !e.ContainsKey(p.Key)).Select(p => $"{at}.{p.Key}: answered, not documented"));
            foreach (var (name, value) in e.Where(p => l.ContainsKey(p.Key)))
            {
                SameShape(value, l[name], $"{at}.{name}", errors);
            }
        }
        if (documented == "array" && live.AsArray().Count > 0)
        {
            var i = 0;
            foreach (var item in example.AsArray())
            {
                SameShape(item, live.AsArray()[0], $"{at}[{i++}]", errors);
            }
        }
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Object => "object",
        System.Text.Json.JsonValueKind.Array => "array",
        System.Text.Json.JsonValueKind.String => "string",
        System.Text.Json.JsonValueKind.Number => "number",
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
        _ => "null",
    };

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
        var kind = Kind(value);
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
