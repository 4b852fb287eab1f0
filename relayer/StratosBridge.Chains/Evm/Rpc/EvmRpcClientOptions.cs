using System.ComponentModel.DataAnnotations;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// One chain's RPC endpoint and resilience settings (named options, the name is the chain name). Bound from
/// configuration or set in code by <see cref="EvmRpcServiceCollectionExtensions"/>, validated at start-up.
/// The URL may embed a provider key: it is never logged by this layer.
/// </summary>
public sealed class EvmRpcClientOptions : IValidatableObject
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
