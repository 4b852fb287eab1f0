using System.Globalization;
using System.Numerics;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>
/// Our use of Nethereum's EIP-712 signer for the vault's attestations: for generated Release, Cancel and Refund values
/// (field ranges to their ends, any chain id and vault), our signature equals <c>cast wallet sign --data</c>'s over the
/// same typed data, written here as JSON independently of Nethereum. Equal signatures mean equal digests; the vault's
/// own <c>hashRelease</c>/<c>hashCancel</c>/<c>hashRefund</c> are compared on anvil in BridgeContractsTests.
/// </summary>
[Collection(CastCollection.Name)]
public class VaultAttestationDifferentialTests
{
    private const string DomainType =
        """ "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}] """;

    [Fact]
    public async Task Release_cancel_and_refund_signatures_agree_with_cast_wallet_sign()
    {
        var seed = Differential.Seed(7120);
        var random = new EvmRandom(seed);
        var cases = Enumerable.Range(0, Differential.Cases(60)).Select(i => Case(random, i % 3)).ToArray();
        await Differential.RunAsync("vault attestation", seed, cases, c => c.Json, async c =>
        {
            var theirs = await Cast.RunAsync("wallet", "sign", "--private-key", Hex.Encode(c.Key), "--data", c.Json);
            var ours = Hex.Encode(c.Sign(EthKey.FromBytes(c.Key)));
            return theirs == ours ? null : $"cast {theirs}\n    ours {ours}";
        });
    }

    private static (byte[] Key, string Json, Func<EthKey, byte[]> Sign) Case(EvmRandom random, int kind)
    {
        var key = random.PrivateKey();
        var chainId = random.Pick(1UL, 56UL, 2047UL, 2048UL, 31337UL, ulong.MaxValue, random.UInt64());
        var vault = random.Address();
        var nonce = random.UInt64();
        var (srcChainId, srcVault) = ((long)(random.UInt64() >> 1), random.Address());
        var (who, amount) = (random.Address(), random.UInt(256));
        (string Type, string Fields, string Message, Func<EthKey, byte[]> Sign) c = kind switch
        {
            0 => ("Release",
                """{"name":"srcChainId","type":"uint256"},{"name":"srcVault","type":"address"},{"name":"nonce","type":"uint64"},{"name":"recipient","type":"address"},{"name":"amount","type":"uint256"}""",
                $$"""{"srcChainId":"{{Dec(srcChainId)}}","srcVault":"{{srcVault}}","nonce":"{{Dec(nonce)}}","recipient":"{{who}}","amount":"{{Dec(amount)}}"}""",
                k => StosVaultContract.SignRelease(k, chainId, vault, new VaultRelease(srcChainId, srcVault, nonce, who, amount))),
            1 => ("Cancel",
                """{"name":"srcChainId","type":"uint256"},{"name":"srcVault","type":"address"},{"name":"nonce","type":"uint64"}""",
                $$"""{"srcChainId":"{{Dec(srcChainId)}}","srcVault":"{{srcVault}}","nonce":"{{Dec(nonce)}}"}""",
                k => StosVaultContract.SignCancel(k, chainId, vault, srcChainId, srcVault, nonce)),
            _ => ("Refund",
                """{"name":"nonce","type":"uint64"},{"name":"sender","type":"address"},{"name":"amount","type":"uint256"}""",
                $$"""{"nonce":"{{Dec(nonce)}}","sender":"{{who}}","amount":"{{Dec(amount)}}"}""",
                k => StosVaultContract.SignRefund(k, chainId, vault, nonce, who, amount)),
        };
        var json = $$"""{"types":{{{DomainType}},"{{c.Type}}":[{{c.Fields}}]},"primaryType":"{{c.Type}}",""" +
                   $$""" "domain":{"name":"StosVault","version":"2","chainId":"{{Dec(chainId)}}","verifyingContract":"{{vault}}"},"message":{{c.Message}}} """;
        return (key, json, c.Sign);
    }

    private static string Dec(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
