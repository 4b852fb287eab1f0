using Nethereum.Util;
namespace StratosBridge.Chains.Evm.Abi;

/// <summary>
/// A contract function from its signature, e.g. <c>AbiFunction.Parse("transfer(address to, uint256 amount)")</c>;
/// outputs may follow as "balanceOf(address)(uint256)" or "balanceOf(address) returns (uint256)".
/// Builds calldata (4-byte selector + ABI-encoded arguments) and decodes calldata and return data.
/// </summary>
public sealed class AbiFunction
{
    private readonly byte[] _selector;
    private readonly AbiType[] _inputTypes;
    private readonly AbiType[] _outputTypes;

    private AbiFunction(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs)
    {
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        Signature = $"{name}({string.Join(",", inputs.Select(p => p.Type.CanonicalName))})";
        _selector = Sha3Keccack.Current.CalculateHashAsBytes(Signature)[..4];
        _inputTypes = inputs.Select(p => p.Type).ToArray();
        _outputTypes = outputs.Select(p => p.Type).ToArray();
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>The canonical signature the selector is computed from, e.g. "transfer(address,uint256)".</summary>
    public string Signature { get; }

    /// <summary>The first 4 bytes of keccak256(<see cref="Signature"/>).</summary>
    public ReadOnlySpan<byte> Selector => _selector;

    /// <summary>Parses a function signature; throws <see cref="FormatException"/>.</summary>
    public static AbiFunction Parse(string signature)
    {
        var (name, inputs, outputs) = AbiSignatureReader.ReadSignature(signature, "function", allowIndexed: false, allowOutputs: true);
        return new AbiFunction(name, inputs, outputs);
    }

    /// <summary>Calldata for a call: selector ‖ abi.encode(arguments). Throws <see cref="ArgumentException"/> on a bad argument.</summary>
    public byte[] EncodeCall(IReadOnlyList<object?> arguments) =>
        [.. _selector, .. AbiCodec.Encode(_inputTypes, arguments)];

    /// <summary>Decodes calldata of this function (checks the selector). Throws <see cref="FormatException"/>.</summary>
    public object?[] DecodeCall(ReadOnlySpan<byte> calldata)
    {
        if (calldata.Length < 4 || !calldata[..4].SequenceEqual(_selector))
        {
            throw new FormatException($"calldata does not start with the selector of {Signature}");
        }
        return AbiCodec.Decode(_inputTypes, calldata[4..]);
    }

    /// <summary>Decodes the return data of a call by <see cref="Outputs"/>. Throws <see cref="FormatException"/>.</summary>
    public object?[] DecodeOutput(ReadOnlySpan<byte> returnData) =>
        AbiCodec.Decode(_outputTypes, returnData);

    public override string ToString() => Signature;
}
