using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Contracts;

namespace StratosBridge.Tests.Unit.Evm.Contracts;

/// <summary>
/// Compares a typed binding with the ABI solc wrote into its artifact. Every function and event the binding declares must
/// exist in the ABI with the same canonical signature, the same parameter names, the same indexed flags and the same
/// outputs; the binding's custom errors must be exactly the ABI's (so every revert the contract can raise has a name).
/// </summary>
internal static class BindingComparison
{
    public static IReadOnlyList<string> Disagreements(ContractBinding binding, JsonElement abi)
    {
        var problems = new List<string>();
        var entries = abi.EnumerateArray().ToArray();
        foreach (var function in binding.Functions)
        {
            var match = entries.Where(e => Is(e, "function") && e.GetProperty("name").GetString() == function.Name
                                           && Signature(e) == function.Signature).ToArray();
            if (match.Length != 1)
            {
                problems.Add($"function {function.Signature} is not in the ABI");
                continue;
            }
            Compare(problems, function.Signature, "input", function.Inputs, match[0].GetProperty("inputs"));
            var outputs = match[0].GetProperty("outputs").EnumerateArray().Select(CanonicalType).ToArray();
            if (!outputs.SequenceEqual(function.Outputs.Select(o => o.Type.CanonicalName)))
            {
                problems.Add($"function {function.Signature} returns ({string.Join(",", outputs)}) in the ABI, " +
                             $"({string.Join(",", function.Outputs.Select(o => o.Type.CanonicalName))}) in the binding");
            }
        }
        foreach (var abiEvent in binding.Events)
        {
            var match = entries.Where(e => Is(e, "event") && Signature(e) == abiEvent.Signature).ToArray();
            if (match.Length != 1)
            {
                problems.Add($"event {abiEvent.Signature} is not in the ABI");
                continue;
            }
            Compare(problems, abiEvent.Signature, "parameter", abiEvent.Parameters, match[0].GetProperty("inputs"));
        }
        var abiErrors = entries.Where(e => Is(e, "error")).ToDictionary(Signature);
        foreach (var error in binding.Errors)
        {
            if (!abiErrors.TryGetValue(error.Signature, out var entry))
            {
                problems.Add($"error {error.Signature} is not in the ABI");
                continue;
            }
            Compare(problems, error.Signature, "argument", error.Inputs, entry.GetProperty("inputs"));
        }
        foreach (var missing in abiErrors.Keys.Except(binding.Errors.Select(e => e.Signature)))
        {
            problems.Add($"error {missing} is in the ABI but the binding cannot name it");
        }
        return problems;
    }

    private static void Compare(List<string> problems, string signature, string what, IReadOnlyList<AbiParameter> ours, JsonElement theirs)
    {
        var abiParameters = theirs.EnumerateArray().ToArray();
        for (var i = 0; i < ours.Count && i < abiParameters.Length; i++)
        {
            var name = abiParameters[i].GetProperty("name").GetString();
            if ((ours[i].Name ?? "") != (name ?? ""))
            {
                problems.Add($"{signature}: {what} {i} is named '{name}' in the ABI, '{ours[i].Name}' in the binding");
            }
            var indexed = abiParameters[i].TryGetProperty("indexed", out var flag) && flag.GetBoolean();
            if (ours[i].Indexed != indexed)
            {
                problems.Add($"{signature}: {what} {i} ({name}) is {(indexed ? "" : "not ")}indexed in the ABI");
            }
        }
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

    /// <summary>The selector solc lists for a signature in the artifact's methodIdentifiers.</summary>
    public static string? MethodIdentifier(string artifactPath, AbiFunction function)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(artifactPath));
        return doc.RootElement.GetProperty("methodIdentifiers").TryGetProperty(function.Signature, out var id) ? id.GetString() : null;
    }

    public static string Selector(AbiFunction function) => Hex.Encode(function.Selector)[2..];
}
