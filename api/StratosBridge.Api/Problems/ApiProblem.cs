using Microsoft.AspNetCore.Http.HttpResults;

namespace StratosBridge.Api.Problems;

/// <summary>
/// The API's error contract: RFC 7807 ProblemDetails with a stable machine-readable <c>code</c> extension
/// (<c>unsupported-chain</c>, <c>invalid-address</c>, <c>price-unavailable</c>, …). 422 for invalid input, 404/409 for
/// state, 503 when the service cannot answer now.
/// </summary>
public static class ApiProblem
{
    public const string CodeKey = "code";

    /// <param name="title">The same for every occurrence of <paramref name="code"/> (RFC 7807 §3.1).</param>
    /// <param name="detail">This occurrence: what was wrong with which input.</param>
    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { [CodeKey] = code });

    /// <summary>422: the request is well formed HTTP but an input is not acceptable.</summary>
    public static ProblemHttpResult Invalid(string code, string title, string detail) =>
        Create(StatusCodes.Status422UnprocessableEntity, code, title, detail);

    /// <inheritdoc cref="Invalid(string, string, string)"/>
    public static ProblemHttpResult Invalid(string code, string detail) => Invalid(code, "The request cannot be served", detail);

    /// <summary>404: the thing asked for is not there (or not configured).</summary>
    public static ProblemHttpResult NotFound(string code, string title, string detail) =>
        Create(StatusCodes.Status404NotFound, code, title, detail);

    /// <inheritdoc cref="NotFound(string, string, string)"/>
    public static ProblemHttpResult NotFound(string code, string detail) => NotFound(code, "Not found", detail);

    /// <summary>503: the service cannot answer this now (prices unavailable, sources disagreeing); try again later.</summary>
    public static ProblemHttpResult Unavailable(string code, string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, code, "Temporarily unable to price", detail);

    /// <summary>
    /// Reads a JSON request body as <typeparamref name="T"/>; a body that is not JSON of that shape, or null, is 400
    /// <c>invalid-json</c> saying what was expected (<paramref name="shape"/>, e.g. <c>{name, wallet}</c>).
    /// </summary>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, string shape, CancellationToken ct)
        where T : class
    {
        try
        {
            var body = await request.ReadFromJsonAsync<T>(ct);
            return body is null
                ? (null, Create(StatusCodes.Status400BadRequest, InvalidJson, InvalidJsonTitle, $"expected a JSON object {shape}, got null"))
                : (body, null);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return (null, Create(StatusCodes.Status400BadRequest, InvalidJson, InvalidJsonTitle,
                $"expected a JSON object {shape} (content type application/json): {e.Message}"));
        }
    }

    public const string InvalidJson = "invalid-json";

    private const string InvalidJsonTitle = "The body is not valid JSON for this request";

    /// <summary>An input as a detail quotes it: enough to recognise it, never an arbitrarily long value.</summary>
    public static string Quote(string input) => input.Length <= 90 ? $"'{input}'" : $"'{input[..90]}…'";
}
