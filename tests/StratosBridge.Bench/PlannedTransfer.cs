using System.Numerics;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Bench;

/// <summary>One transfer of a bench: <paramref name="Amount"/> base units to a fresh <paramref name="Recipient"/> (so its balance shows each release).</summary>
public sealed record PlannedTransfer(EthAddress Recipient, BigInteger Amount)
{
    /// <summary><paramref name="count"/> transfers to random fresh recipients, amounts between 0.001 and 1 STOS plus some odd wei.</summary>
    public static IReadOnlyList<PlannedTransfer> Random(int count, Random random)
    {
        var milliStos = BigInteger.Pow(10, 15);
        var transfers = new PlannedTransfer[count];
        var address = new byte[EthAddress.Length];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(address);
            transfers[i] = new PlannedTransfer(EthAddress.FromBytes(address), milliStos * random.Next(1, 1001) + random.Next(0, 1000));
        }
        return transfers;
    }
}
