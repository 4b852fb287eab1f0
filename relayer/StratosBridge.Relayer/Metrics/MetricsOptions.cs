using System.ComponentModel.DataAnnotations;
using System.Net;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Metrics;

/// <summary>
/// Section <c>Metrics</c>: how often the ledger's gauges are sampled, and who may scrape <c>/metrics</c> without an admin
/// token (<see cref="AllowedNetworks"/>, CIDR blocks such as <c>10.0.0.0/8</c>; empty: an admin token is always needed).
/// </summary>
public sealed class MetricsOptions : IValidatableSection
{
    public const string Section = "Metrics";

    /// <summary>How often each instance reads the ledger's counts, signer balances and nonces for the gauges.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Networks whose requests to <c>/metrics</c> need no admin token (a Prometheus server on a private network).</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public IReadOnlyList<IPNetwork> Networks => AllowedNetworks.Select(n => IPNetwork.Parse(n)).ToList();

    public IEnumerable<string> Validate(string section)
    {
        for (var i = 0; i < AllowedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(AllowedNetworks[i], out _))
            {
                yield return $"{section}:AllowedNetworks:{i}: '{AllowedNetworks[i]}' is not a CIDR block (e.g. 10.0.0.0/8, 127.0.0.1/32)";
            }
        }
    }
}
