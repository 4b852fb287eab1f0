using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// The <c>StosVault.Config</c> constructor struct: the peer (chain id and vault) it is paired with for good, the lowest peer
/// nonce it releases, the admin (a timelock) and its transfer delay, the treasury fees are swept to, the first holders of each
/// role, and the limits with their hard ceilings. <see cref="Token"/> zero = native mode. Addresses are 0x hex.
/// </summary>
[Struct("Config")]
public sealed class StosVaultConfig
{
    [Parameter("address", "token", 1)] public string Token { get; set; } = "";
    [Parameter("uint256", "peerChainId", 2)] public BigInteger PeerChainId { get; set; }
    [Parameter("address", "peerVault", 3)] public string PeerVault { get; set; } = "";
    [Parameter("uint64", "startNonce", 4)] public ulong StartNonce { get; set; }
    [Parameter("address", "admin", 5)] public string Admin { get; set; } = "";
    [Parameter("uint48", "adminDelay", 6)] public ulong AdminDelaySeconds { get; set; }
    [Parameter("address", "treasury", 7)] public string Treasury { get; set; } = "";
    [Parameter("address[]", "attesters", 8)] public List<string> Attesters { get; set; } = [];
    [Parameter("address[]", "relayers", 9)] public List<string> Relayers { get; set; } = [];
    [Parameter("address[]", "pausers", 10)] public List<string> Pausers { get; set; } = [];
    [Parameter("uint256", "threshold", 11)] public BigInteger Threshold { get; set; }
    [Parameter("uint256", "minLock", 12)] public BigInteger MinLock { get; set; }
    [Parameter("uint256", "maxLock", 13)] public BigInteger MaxLock { get; set; }
    [Parameter("uint256", "fee", 14)] public BigInteger Fee { get; set; }
    [Parameter("uint256", "releaseCap", 15)] public BigInteger ReleaseCap { get; set; }
    [Parameter("uint256", "dailyCap", 16)] public BigInteger DailyCap { get; set; }
    [Parameter("uint256", "releaseCapCeiling", 17)] public BigInteger ReleaseCapCeiling { get; set; }
    [Parameter("uint256", "dailyCapCeiling", 18)] public BigInteger DailyCapCeiling { get; set; }
}
