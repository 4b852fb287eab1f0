namespace StratosBridge.Chains.Evm.Abi;

/// <summary>
/// The value of an indexed event parameter of a dynamic or composite type (string, bytes, arrays, tuples):
/// the log carries only keccak256 of the value's in-place encoding, so the value itself cannot be recovered.
/// Compare it with <see cref="AbiEvent.EncodeTopic"/> of a candidate value.
/// </summary>
public sealed class AbiIndexedHash
{
    private readonly byte[] _hash;

    internal AbiIndexedHash(ReadOnlySpan<byte> hash) => _hash = hash.ToArray();

    /// <summary>The 32-byte topic.</summary>
    public ReadOnlySpan<byte> Hash => _hash;

    public override string ToString() => $"keccak:{Hex.Encode(_hash)}";
}
