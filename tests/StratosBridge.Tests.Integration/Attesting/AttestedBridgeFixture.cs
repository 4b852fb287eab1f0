using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Tests.Integration.Attesting;

/// <summary>ethereum and stratos with vaults that need 2 of 3 attesters (anvil's dev keys #2, #5, #6), as the devnet has them.</summary>
public sealed class AttestedBridgeFixture() : DeployedBridgeFixture(withBsc: false, SmallCaps with
{
    Attesters = [.. AttesterKeys.Select(k => EthKey.FromHex(k).Address)],
    Threshold = 2,
    ReleaseCap = 50 * Stos, // the small caps' 8 STOS a day would run out across the class's tests
    DailyCap = 1_000 * Stos,
})
{
    public static readonly IReadOnlyList<string> AttesterKeys = [AnvilNode.DevKeys[2], AnvilNode.DevKeys[5], AnvilNode.DevKeys[6]];
}
