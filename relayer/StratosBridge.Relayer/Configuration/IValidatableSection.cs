namespace StratosBridge.Relayer.Configuration;

/// <summary>Options whose checks go beyond DataAnnotations (nested entries, cross-field rules).</summary>
public interface IValidatableSection
{
    /// <returns>Failures, each starting with the full key ("Chains:ethereum:RpcUrl: …").</returns>
    IEnumerable<string> Validate(string section);
}
