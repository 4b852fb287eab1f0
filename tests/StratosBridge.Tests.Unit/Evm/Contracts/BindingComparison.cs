using System.Text.Json;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm.Contracts;

namespace StratosBridge.Tests.Unit.Evm.Contracts;

/// <summary>
/// Compares a typed binding (its Nethereum DTOs, read through Nethereum's own attribute reader) with the ABI solc wrote into
/// its artifact. Every function and event the binding declares must exist in the ABI with the same canonical signature, the
/// same parameter names, the same indexed flags and the same outputs; its constructor must take the ABI's parameters; its
/// custom errors must be exactly the ABI's (so every revert the contract can raise has a name).
/// </summary>
internal static class BindingComparison
{
    public static IReadOnlyList<string> Disagreements(ContractBinding binding, JsonElement abi)
    {
        var problems = new List<string>();
        var entries = abi.EnumerateArray().ToArray();
        foreach (var function in binding.Functions.Select(ABITypedRegistry.GetFunctionABI))
        {
            var match = entries.Where(e => Is(e, "function") && Signature(e) == function.Signature).ToArray();
            if (match.Length != 1)
            {
                problems.Add($"function {function.Signature} is not in the ABI");
                continue;
            }
            Compare(problems, function.Signature, "input", function.InputParameters, match[0].GetProperty("inputs"));
            var outputs = string.Join(",", match[0].GetProperty("outputs").EnumerateArray().Select(CanonicalType));
            if (outputs != Canonical(function.OutputParameters))
            {
                problems.Add($"function {function.Signature} returns ({outputs}) in the ABI, ({Canonical(function.OutputParameters)}) in the binding");
            }
        }
        foreach (var abiEvent in binding.Events.Select(ABITypedRegistry.GetEvent))
        {
            var match = entries.Where(e => Is(e, "event") && Signature(e) == abiEvent.Signature).ToArray();
            if (match.Length != 1)
            {
                problems.Add($"event {abiEvent.Signature} is not in the ABI");
                continue;
            }
            Compare(problems, abiEvent.Signature, "parameter", abiEvent.InputParameters, match[0].GetProperty("inputs"));
        }
        if (binding.Constructor is { } constructor)
        {
            var ours = new AttributesToABIExtractor().ExtractParametersFromAttributes(constructor).OrderBy(p => p.Order).ToArray();
            var theirs = entries.Single(e => Is(e, "constructor")).GetProperty("inputs");
            var abiTypes = string.Join(",", theirs.EnumerateArray().Select(CanonicalType));
            if (abiTypes != Canonical(ours))
            {
                problems.Add($"the constructor takes ({abiTypes}) in the ABI, ({Canonical(ours)}) in the binding");
            }
            Compare(problems, "constructor", "parameter", ours, theirs);
        }
        var abiErrors = entries.Where(e => Is(e, "error")).ToDictionary(Signature);
        foreach (var error in binding.ErrorAbis)
        {
            if (!abiErrors.TryGetValue(error.Signature, out var entry))
            {
                problems.Add($"error {error.Signature} is not in the ABI");
                continue;
            }
            Compare(problems, error.Signature, "argument", error.InputParameters, entry.GetProperty("inputs"));
        }
        foreach (var missing in abiErrors.Keys.Except(binding.ErrorAbis.Select(e => e.Signature)))
        {
            problems.Add($"error {missing} is in the ABI but the binding cannot name it");
        }
        return problems;
    }

    /// <summary>The selector solc lists for a signature in the artifact's methodIdentifiers.</summary>
    public static string? MethodIdentifier(string artifactPath, FunctionABI function)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(artifactPath));
        return doc.RootElement.GetProperty("methodIdentifiers").TryGetProperty(function.Signature, out var id) ? id.GetString() : null;
    }

    private static void Compare(List<string> problems, string signature, string what, IReadOnlyList<Parameter> ours, JsonElement theirs)
    {
        var abiParameters = theirs.EnumerateArray().ToArray();
        var sorted = ours.OrderBy(p => p.Order).ToArray();
        for (var i = 0; i < sorted.Length && i < abiParameters.Length; i++)
        {
            var name = abiParameters[i].GetProperty("name").GetString();
            if ((sorted[i].Name ?? "") != (name ?? ""))
            {
                problems.Add($"{signature}: {what} {i} is named '{name}' in the ABI, '{sorted[i].Name}' in the binding");
            }
            var indexed = abiParameters[i].TryGetProperty("indexed", out var flag) && flag.GetBoolean();
            if (sorted[i].Indexed != indexed)
            {
                problems.Add($"{signature}: {what} {i} ({name}) is {(indexed ? "" : "not ")}indexed in the ABI");
            }
        }
    }

    /// <summary>Nethereum's canonical text of a parameter list (tuples written out), as in its own signatures.</summary>
    private static string Canonical(IEnumerable<Parameter>? parameters)
    {
        var signature = new FunctionABI("x", false) { InputParameters = (parameters ?? []).OrderBy(p => p.Order).ToArray() }.Signature;
        return signature["x(".Length..^1];
    }

    private static bool Is(JsonElement entry, string type) => entry.GetProperty("type").GetString() == type;

    private static string Signature(JsonElement entry) =>
        $"{entry.GetProperty("name").GetString()}({string.Join(",", entry.GetProperty("inputs").EnumerateArray().Select(CanonicalType))})";

    private static string CanonicalType(JsonElement parameter)
    {
        var type = parameter.GetProperty("type").GetString()!;
        if (!type.StartsWith("tuple", StringComparison.Ordinal))
        {
            return type;
        }
        var components = string.Join(",", parameter.GetProperty("components").EnumerateArray().Select(CanonicalType));
        return $"({components}){type["tuple".Length..]}";
    }
}
