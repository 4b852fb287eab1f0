using System.Numerics;
using StratosBridge.Deploy;

namespace StratosBridge.Tests.Integration.Contracts;

/// <summary>ethereum, bsc and stratos deployed with caps and liquidity large enough for volume tests.</summary>
public sealed class ThreeChainBridgeFixture() : DeployedBridgeFixture(withBsc: true, DeploymentSettings.Devnet() with
{
    MinLock = Stos / 1_000, ReleaseCap = 1_000 * Stos, DailyCap = 1_000_000 * Stos, InitialLiquidity = 3_000 * Stos, HolderAmount = 1_000 * Stos,
})
{
    public static new readonly BigInteger Stos = DeployedBridgeFixture.Stos;
}
