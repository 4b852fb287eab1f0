using Microsoft.AspNetCore.Http.HttpResults;

namespace StratosBridge.Api.Problems;

/// <summary>RFC 7807 answers with a stable <c>code</c> extension that clients can switch on.</summary>
public static class ApiProblem
{
    public static ProblemHttpResult Of(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>422: the request cannot be served as asked.</summary>
    public static ProblemHttpResult Invalid(string code, string detail) =>
        Of(StatusCodes.Status422UnprocessableEntity, code, "The request cannot be served", detail);

    public static ProblemHttpResult NotFound(string code, string detail) =>
        Of(StatusCodes.Status404NotFound, code, "Not found", detail);

    /// <summary>503: the service cannot answer this now (prices unavailable, sources disagreeing); try again later.</summary>
    public static ProblemHttpResult Unavailable(string code, string detail) =>
        Of(StatusCodes.Status503ServiceUnavailable, code, "Temporarily unable to price", detail);
}
