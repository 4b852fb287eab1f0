using Microsoft.AspNetCore.Http.HttpResults;
using StratosBridge.Api.Problems;

namespace StratosBridge.Api.Jobs;

/// <summary>Who decided and why, as every operator's decision carries them onto the subject's timeline.</summary>
public static class OperatorDecisionInput
{
    /// <summary>Null when both are there and not too long; else the refusal (422 <paramref name="code"/>).</summary>
    public static ProblemHttpResult? Check(string? who, string? why, string code) =>
        string.IsNullOrWhiteSpace(who) || string.IsNullOrWhiteSpace(why) || who.Length > 100 || why.Length > 1000
            ? ApiProblem.Invalid(code, "Operator and reason required",
                "name the operator (operator, at most 100 characters) and why (reason, at most 1000): both go on the timeline")
            : null;

    /// <summary>The timeline's actor for operator <paramref name="who"/>.</summary>
    public static string Actor(string who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return $"operator:{who.Trim()}";
    }
}
