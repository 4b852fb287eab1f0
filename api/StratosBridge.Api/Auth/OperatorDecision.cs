using Microsoft.AspNetCore.Http.HttpResults;
using StratosBridge.Api.Problems;

namespace StratosBridge.Api.Auth;

/// <summary>
/// What every operator action on the admin routes names: who decided (<c>operator</c>, at most 100 characters) and why
/// (<c>reason</c>, at most 1000); both go on the subject's timeline, the operator as the actor <c>operator:{name}</c>.
/// </summary>
public static class OperatorDecision
{
    /// <summary>The 422 refusal (with <paramref name="code"/>) when the operator or the reason is missing or too long; else null.</summary>
    public static ProblemHttpResult? Check(string? who, string? reason, string code, string subject) =>
        string.IsNullOrWhiteSpace(who) || string.IsNullOrWhiteSpace(reason) || who.Length > 100 || reason.Length > 1000
            ? ApiProblem.Invalid(code, "Operator and reason required",
                $"name the operator (operator, at most 100 characters) and why (reason, at most 1000): both go on the {subject}'s timeline")
            : null;

    /// <summary>The timeline actor for <paramref name="who"/>.</summary>
    public static string Actor(string who) => $"operator:{who.Trim()}";
}
