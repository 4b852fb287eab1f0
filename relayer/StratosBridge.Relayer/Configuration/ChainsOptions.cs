using System.Text.RegularExpressions;
using StratosBridge.Core.Quotes;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Relayer.Configuration;

/// <summary>Section <c>Chains</c>: the configured chains by name (lower-case, e.g. <c>ethereum</c>).</summary>
public sealed partial class ChainsOptions : Dictionary<string, ChainOptions>, IValidatableSection
{
    public const string Section = "Chains";

    public ChainsOptions() : base(StringComparer.Ordinal)
    {
    }

    public IEnumerable<string> Validate(string section)
    {
        foreach (var (name, chain) in this)
        {
            var prefix = $"{section}:{name}";
            if (!ChainName().IsMatch(name))
            {
                yield return $"{prefix}: chain names are lower-case letters, digits and '-' (got '{name}')";
            }
            foreach (var failure in ValidatedOptions.Check(chain, prefix))
            {
                yield return failure;
            }
            if (chain.RpcUrl.Length > 0 && !ConfirmEndpoints.IsHttpUrl(chain.RpcUrl))
            {
                yield return $"{prefix}:RpcUrl: '{ConfirmEndpoints.Redact(chain.RpcUrl)}' is not an absolute http(s) URL";
            }
            foreach (var failure in ConfirmEndpoints.Validate(chain.ConfirmRpcUrls, chain.ConfirmQuorum, prefix))
            {
                yield return failure;
            }
            foreach (var failure in ValidateContracts(chain.Contracts, $"{prefix}:Contracts"))
            {
                yield return failure;
            }
            if (chain.Contracts.OzonePayments is not null && PayAssets.OfChain(name) is null)
            {
                yield return $"{prefix}:Contracts:OzonePayments: payments in a native coin are taken on 'ethereum' (ETH) and 'bsc' (BNB) only";
            }
        }
        foreach (var clash in this.GroupBy(c => c.Value.ChainId).Where(g => g.Count() > 1))
        {
            yield return $"{section}: chains {string.Join(", ", clash.Select(c => c.Key))} share chain id {clash.Key}";
        }
    }

    private IEnumerable<string> ValidateContracts(ChainContractsOptions contracts, string prefix)
    {
        foreach (var failure in ValidatedOptions.Check(contracts, prefix))
        {
            yield return failure;
        }
        var addresses = contracts.Vaults.Select(v => ($"Vaults:{v.Key}", (string?)v.Value))
            .Append(("StosToken", contracts.StosToken)).Append(("OzonePayments", contracts.OzonePayments))
            .Append(("SystemContract", contracts.SystemContract)).Append(("Timelock", contracts.Timelock));
        foreach (var (key, value) in addresses)
        {
            if (value is not null && !EthAddress.TryParse(value, out _))
            {
                yield return $"{prefix}:{key}: '{value}' is not a 0x address of 20 bytes";
            }
        }
        foreach (var peer in contracts.Vaults.Keys.Where(peer => !ContainsKey(peer)))
        {
            yield return $"{prefix}:Vaults:{peer}: names a chain that is not configured under {Section}";
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex ChainName();
}
