using System.Globalization;
using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Stratos.Prepay;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>
/// Our use of Nethereum's function encoding for the calls the bridge signs: <c>releaseBatch</c> (a tuple array and nested
/// <c>bytes[][]</c>), <c>runMsg</c> (the MsgPrepay <c>Any</c> and arbitrary bytes) and <c>pay</c> encode to what
/// <c>cast calldata</c> writes for the same signature and values, field ranges to their ends. The signature given to cast
/// is the compiled ABI's (ContractBindingTests checks our DTOs against it).
/// </summary>
[Collection(CastCollection.Name)]
public class ContractCalldataDifferentialTests
{
    private const string ReleaseBatch = "releaseBatch((uint256,address,uint64,address,uint256)[],bytes[][])";

    [Fact]
    public async Task ReleaseBatch_calldata_agrees_with_cast_calldata()
    {
        var seed = Differential.Seed(9101);
        var random = new EvmRandom(seed);
        var cases = Enumerable.Range(0, Differential.Cases(30)).Select(i =>
        {
            var releases = Enumerable.Range(0, i == 0 ? 1 : random.Int(1, 5)).Select(j => new VaultRelease(
                i == 1 ? long.MaxValue : (long)(random.UInt64() >> 1), random.Address(), i == 1 ? ulong.MaxValue : random.UInt64(), random.Address(),
                i == 1 ? (BigInteger.One << 256) - 1 : random.UInt(256))).ToArray();
            var signatures = releases.Select(_ => (IReadOnlyList<byte[]>)Enumerable.Range(0, random.Int(i == 0 ? 0 : 1, 4))
                .Select(_ => random.Bytes(random.Chance(0.8) ? 65 : random.Length(100))).ToArray()).ToArray();
            return (Releases: releases, Signatures: signatures);
        }).ToArray();
        await Differential.RunAsync("releaseBatch calldata", seed, cases, c => Describe(c.Releases, c.Signatures), async c =>
        {
            var releases = "[" + string.Join(", ", c.Releases.Select(r =>
                $"({Dec(r.SrcChainId)}, {r.SrcVault}, {Dec(r.Nonce)}, {r.Recipient}, {Dec(r.Amount)})")) + "]";
            var theirs = await Cast.RunAsync("calldata", ReleaseBatch, releases, Signatures(c.Signatures));
            var ours = Hex.Encode(StosVaultContract.EncodeReleaseBatch(c.Releases, c.Signatures));
            return theirs == ours ? null : $"cast {theirs}\n    ours {ours}";
        });
    }

    [Fact]
    public async Task RunMsg_and_pay_calldata_agree_with_cast_calldata()
    {
        var seed = Differential.Seed(9102);
        var random = new EvmRandom(seed);
        var runMsg = Enumerable.Range(0, Differential.Cases(20)).Select(i => i switch
        {
            0 => [],
            < 8 => StratosPrepay.EncodeAny(random.Address(), random.Address(), i == 1 ? (BigInteger.One << 256) - 1 : random.UInt(128)),
            _ => random.Bytes(random.Length(300)),
        }).Select(any => (Signature: "runMsg(bytes)", Args: new[] { Hex.Encode(any) }, Ours: StratosSystemContract.EncodeRunMsg(any)));
        var pay = Enumerable.Range(0, Differential.Cases(20)).Select(_ => (Quote: random.Bytes(32), Beneficiary: random.Address()))
            .Select(p => (Signature: "pay(bytes32,address)", Args: new[] { Hex.Encode(p.Quote), p.Beneficiary.ToString() },
                Ours: OzonePaymentsContract.EncodePay(p.Quote, p.Beneficiary)));
        var cases = runMsg.Concat(pay).ToArray();
        await Differential.RunAsync("runMsg/pay calldata", seed, cases, c => $"{c.Signature} {string.Join(" ", c.Args)}", async c =>
        {
            var theirs = await Cast.RunAsync(["calldata", c.Signature, .. c.Args]);
            return theirs == Hex.Encode(c.Ours) ? null : $"cast {theirs}\n    ours {Hex.Encode(c.Ours)}";
        });
    }

    private static string Signatures(IEnumerable<IReadOnlyList<byte[]>> signatures) =>
        "[" + string.Join(", ", signatures.Select(list => "[" + string.Join(", ", list.Select(s => Hex.Encode(s))) + "]")) + "]";

    private static string Describe(IEnumerable<VaultRelease> releases, IEnumerable<IReadOnlyList<byte[]>> signatures) =>
        string.Join("; ", releases) + " | " + Signatures(signatures);

    private static string Dec(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
