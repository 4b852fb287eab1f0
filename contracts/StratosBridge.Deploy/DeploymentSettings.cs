using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Deploy;

/// <summary>
/// Who deploys, who gets which role, and the vault limits. <see cref="Devnet"/> uses anvil's deterministic keys:
/// #0 deploys and proposes/executes on the timelock that administers the vaults, #1 relays, #2 attests; all three may pause.
/// </summary>
public sealed record DeploymentSettings
{
    /// <summary>The EVM chain id of Stratos; every vault elsewhere locks towards it.</summary>
    public const long StratosChainId = 2048;

    public required EthKey Deployer { get; init; }

    public required EthAddress Relayer { get; init; }

    public required IReadOnlyList<EthAddress> Attesters { get; init; }

    public int Threshold { get; init; } = 1;

    /// <summary>The smallest lock, above dust (a lock makes the relayer pay gas on the other side).</summary>
    public BigInteger MinLock { get; init; } = BigInteger.Pow(10, 18);

    /// <summary>The largest lock; null = <see cref="ReleaseCap"/>, so that every lock can be released on the peer.</summary>
    public BigInteger? MaxLock { get; init; }

    /// <summary>The route fee each lock pays in the locked asset (kept by the vault, swept to the treasury by the timelock).</summary>
    public BigInteger Fee { get; init; } = BigInteger.Zero;

    public BigInteger ReleaseCap { get; init; } = BigInteger.Pow(10, 23);

    public BigInteger DailyCap { get; init; } = BigInteger.Pow(10, 24);

    /// <summary>Hard ceilings fixed at deployment; null = 10 × the cap.</summary>
    public BigInteger? ReleaseCapCeiling { get; init; }

    public BigInteger? DailyCapCeiling { get; init; }

    /// <summary>
    /// The BridgeTimelock's delay, the vaults' admin: every role grant, threshold, limit, fee, unpause and sweep waits this
    /// long after it is scheduled. Short on the devnet (contracts/deploy --timelock-delay); days in production.
    /// </summary>
    public TimeSpan TimelockDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The delay of a two-step transfer of the vaults' admin role (AccessControlDefaultAdminRules).</summary>
    public TimeSpan AdminTransferDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Liquidity each vault is funded with at deployment (devnet: minted dev STOS or the deployer's native coin).</summary>
    public BigInteger InitialLiquidity { get; init; } = BigInteger.Pow(10, 21);

    /// <summary>Dev STOS minted to each of these holders on token chains (devnet demos and tests).</summary>
    public IReadOnlyList<EthAddress> Holders { get; init; } = [];

    public BigInteger HolderAmount { get; init; } = BigInteger.Pow(10, 22);

    /// <summary>Where payments for Ozone go (OzonePayments' immutable treasury); the deployer when not set.</summary>
    public EthAddress? Treasury { get; init; }

    /// <summary>anvil's deterministic dev keys (mnemonic "test test … junk").</summary>
    public static readonly IReadOnlyList<string> AnvilKeys =
    [
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    ];

    public static DeploymentSettings Devnet() => new()
    {
        Deployer = EthKey.FromHex(AnvilKeys[0]),
        Relayer = EthKey.FromHex(AnvilKeys[1]).Address,
        Attesters = [EthKey.FromHex(AnvilKeys[2]).Address],
        Holders = [EthKey.FromHex(AnvilKeys[3]).Address],
    };
}
