using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using StratosBridge.Api.Auth;

namespace StratosBridge.Api.Docs;

/// <summary>
/// The reference for integrators: <c>/openapi/v1.json</c> (generated from the routes, with their request and response
/// types, the security each needs — an account's API key or an operator's admin token — and the problem <c>code</c>s each
/// can answer) and an interactive reference at <c>/docs</c> (Scalar, its script served by us: it works offline).
/// </summary>
public static class ApiDocs
{
    public const string ApiKeyScheme = "apiKey";
    public const string AdminScheme = "adminToken";

    public static void Add(IServiceCollection services) => services.AddOpenApi("v1", options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "StratosBridge",
                Version = "v1",
                Description = "STOS migration between Ethereum/BSC and Stratos, Ozone bought with ETH, BNB, SOL or a card, and signed " +
                              "webhooks. Errors are RFC 7807 problem details with a stable `code`. Every POST takes an `Idempotency-Key`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "An account's API key (sbk_…), made by an operator: `Authorization: Bearer sbk_…`",
            };
            document.Components.SecuritySchemes[AdminScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "An operator's admin token (Admin__Tokens__N): `Authorization: Bearer <token>`",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<DocumentedBody>().LastOrDefault() is { } body)
            {
                // documented only: the route reads its own body, so a wrong content type still gets its 400 invalid-json
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = !body.Optional,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) },
                    },
                };
            }
            if (metadata.OfType<AuthRequirement>().LastOrDefault() is { } auth)
            {
                var scheme = auth.Admin ? AdminScheme : ApiKeyScheme;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
                AddProblem(operation, 401, auth.Admin ? "admin-token-required, invalid-admin-token" : "api-key-required, invalid-api-key, api-key-revoked");
                if (auth.Admin)
                {
                    AddProblem(operation, 403, "admin-disabled");
                }
            }
            if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
            {
                AddProblem(operation, 429, RateLimiting.AnonymousRateLimits.RateLimited);
            }
            foreach (var codes in metadata.OfType<ProblemCodes>())
            {
                AddProblem(operation, codes.Status, string.Join(", ", codes.Codes));
            }
            if (operation.RequestBody is not null)
            {
                AddProblem(operation, 400, "invalid-json");
            }
            foreach (var example in metadata.OfType<DocumentedExample>())
            {
                AddExample(operation, example);
            }
        });
    });

    public static void Map(WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("StratosBridge API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
    }

    /// <summary>Puts <paramref name="example"/> on the response of its status (its JSON content, or its problem content).</summary>
    private static void AddExample(OpenApiOperation operation, DocumentedExample example)
    {
        var key = example.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses?.TryGetValue(key, out var found) != true || found is not OpenApiResponse { Content: { } content }
            || content.Values.FirstOrDefault() is not OpenApiMediaType media)
        {
            throw new InvalidOperationException(
                $"{operation.OperationId}: an example of a {key} answer, which the operation does not document (declare its result type or problem codes)");
        }
        media.Example = System.Text.Json.Nodes.JsonNode.Parse(example.Json);
    }

    private static void AddProblem(OpenApiOperation operation, int status, string codes)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = $"Problem details; `code` is one of: {codes}";
        if (operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse response)
        {
            response.Description = string.IsNullOrEmpty(response.Description) || response.Description == "Bad Request"
                ? text
                : $"{response.Description}; {codes}";
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
        };
    }
}

/// <summary>Route metadata: who may call it (for the reference's security and 401/403 answers).</summary>
public sealed record AuthRequirement(bool Admin);

/// <summary>
/// Route metadata: the JSON body a route reads itself (for its own 400 <c>invalid-json</c>), described in the reference
/// without <c>Accepts</c>, whose content-type matching would answer 415 before the route could explain.
/// </summary>
public sealed record DocumentedBody(Type Type, bool Optional = false);

/// <summary>Route metadata: the problem <c>code</c>s a route can answer with <see cref="Status"/>.</summary>
public sealed record ProblemCodes(int Status, params string[] Codes);
