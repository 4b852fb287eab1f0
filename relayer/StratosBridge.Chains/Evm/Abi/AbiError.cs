using Nethereum.Util;
namespace StratosBridge.Chains.Evm.Abi;

/// <summary>
/// A Solidity custom error from its signature, e.g. <c>AbiError.Parse("InsufficientBalance(uint256 available, uint256 required)")</c>.
/// Revert data of the error is selector ‖ abi.encode(arguments). See <see cref="RevertReason.Decode"/>.
/// </summary>
public sealed class AbiError
{
    private readonly byte[] _selector;
    private readonly AbiType[] _inputTypes;

    private AbiError(string name, IReadOnlyList<AbiParameter> inputs)
    {
        Name = name;
        Inputs = inputs;
        Signature = $"{name}({string.Join(",", inputs.Select(p => p.Type.CanonicalName))})";
        _selector = Sha3Keccack.Current.CalculateHashAsBytes(Signature)[..4];
        _inputTypes = inputs.Select(p => p.Type).ToArray();
    }

    /// <summary><c>Error(string)</c>: what <c>require(cond, "reason")</c> and <c>revert("reason")</c> produce.</summary>
    public static AbiError ErrorString { get; } = Parse("Error(string message)");

    /// <summary><c>Panic(uint256)</c>: what failed asserts, arithmetic overflow, division by zero, etc. produce.</summary>
    public static AbiError Panic { get; } = Parse("Panic(uint256 code)");

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>The canonical signature, e.g. "InsufficientBalance(uint256,uint256)".</summary>
    public string Signature { get; }

    /// <summary>The first 4 bytes of keccak256(<see cref="Signature"/>).</summary>
    public ReadOnlySpan<byte> Selector => _selector;

    /// <summary>Parses an error signature; throws <see cref="FormatException"/>.</summary>
    public static AbiError Parse(string signature)
    {
        var (name, inputs, _) = AbiSignatureReader.ReadSignature(signature, "error", allowIndexed: false, allowOutputs: false);
        return new AbiError(name, inputs);
    }

    /// <summary>The revert data for this error: selector ‖ abi.encode(arguments).</summary>
    public byte[] Encode(IReadOnlyList<object?> arguments) =>
        [.. _selector, .. AbiCodec.Encode(_inputTypes, arguments)];

    /// <summary>Decodes the arguments of revert data of this error (checks the selector). Throws <see cref="FormatException"/>.</summary>
    public object?[] DecodeArguments(ReadOnlySpan<byte> revertData)
    {
        if (!Matches(revertData))
        {
            throw new FormatException($"revert data does not start with the selector of {Signature}");
        }
        return AbiCodec.Decode(_inputTypes, revertData[4..]);
    }

    /// <summary>True when <paramref name="revertData"/> starts with this error's selector.</summary>
    public bool Matches(ReadOnlySpan<byte> revertData) => revertData.Length >= 4 && revertData[..4].SequenceEqual(_selector);

    public override string ToString() => Signature;
}
