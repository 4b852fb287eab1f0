using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Deploy;

/// <summary>
/// Who deploys, who gets which role, and the vault limits. <see cref="Devnet"/> uses anvil's deterministic keys:
/// #0 deploys and administers (and pauses), #1 relays, #2 attests.
/// </summary>
public sealed record DeploymentSettings
{
    /// <summary>The EVM chain id of Stratos; every vault elsewhere locks towards it.</summary>
    public const long StratosChainId = 2048;

    public required EthKey Deployer { get; init; }

    public required EthAddress Relayer { get; init; }

    public required IReadOnlyList<EthAddress> Attesters { get; init; }

    public int Threshold { get; init; } = 1;

    public BigInteger MinLock { get; init; } = BigInteger.Pow(10, 15);

    public BigInteger MaxLock { get; init; } = BigInteger.Pow(10, 24);

    public BigInteger ReleaseCap { get; init; } = BigInteger.Pow(10, 23);

    public BigInteger DailyCap { get; init; } = BigInteger.Pow(10, 24);

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
