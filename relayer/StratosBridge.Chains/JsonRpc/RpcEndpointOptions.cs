using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// One JSON-RPC endpoint (an EVM chain's node, a Solana cluster's): its URL and resilience settings. Named options,
/// registered by <see cref="RpcClientServiceCollectionExtensions"/> and validated at start-up. The URL may embed a
/// provider key: this layer never logs it.
/// </summary>
public sealed class RpcEndpointOptions : IValidatableObject
{
    [Required]
    public Uri? RpcUrl { get; set; }

    [Required]
    public RpcResilienceOptions Resilience { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RpcUrl is { IsAbsoluteUri: false } || RpcUrl is { IsAbsoluteUri: true, Scheme: not ("http" or "https") })
        {
            yield return new ValidationResult("RpcUrl must be an absolute http(s) URL.", [nameof(RpcUrl)]);
        }
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Resilience, new ValidationContext(Resilience), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult($"Resilience: {result.ErrorMessage}",
                result.MemberNames.Select(m => $"{nameof(Resilience)}.{m}").ToArray());
        }
    }
}
