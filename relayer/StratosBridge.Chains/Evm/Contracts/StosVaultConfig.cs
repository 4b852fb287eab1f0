using System.Numerics;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// The <c>StosVault.Config</c> constructor struct: the peer (chain id and vault) it is paired with for good, the lowest peer
/// nonce it releases, the admin (a timelock) and its transfer delay, the treasury fees are swept to, the first holders of each
/// role, and the limits with their hard ceilings. <see cref="Token"/> zero = native mode.
/// </summary>
public sealed record StosVaultConfig
{
    public required EthAddress Token { get; init; }
    public required long PeerChainId { get; init; }
    public required EthAddress PeerVault { get; init; }
    public ulong StartNonce { get; init; }
    public required EthAddress Admin { get; init; }
    public required long AdminDelaySeconds { get; init; }
    public required EthAddress Treasury { get; init; }
    public required IReadOnlyList<EthAddress> Attesters { get; init; }
    public required IReadOnlyList<EthAddress> Relayers { get; init; }
    public required IReadOnlyList<EthAddress> Pausers { get; init; }
    public required int Threshold { get; init; }
    public required BigInteger MinLock { get; init; }
    public required BigInteger MaxLock { get; init; }
    public required BigInteger Fee { get; init; }
    public required BigInteger ReleaseCap { get; init; }
    public required BigInteger DailyCap { get; init; }
    public required BigInteger ReleaseCapCeiling { get; init; }
    public required BigInteger DailyCapCeiling { get; init; }
}
