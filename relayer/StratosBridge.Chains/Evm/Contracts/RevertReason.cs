using System.Globalization;
using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Decoded revert data of a failed call or transaction: <c>Error(string)</c>, <c>Panic(uint256)</c>, one of a
/// contract's custom errors (its binding's <c>[Error]</c> DTOs, decoded by Nethereum), empty, or unrecognised.
/// Decoding never throws: bad data is <see cref="RevertKind.Unrecognised"/>.
/// </summary>
public sealed class RevertReason
{
    /// <summary><c>Error(string)</c>: what <c>require(cond, "reason")</c> and <c>revert("reason")</c> produce.</summary>
    public static readonly ErrorABI ErrorString = new("Error") { InputParameters = [new Parameter("string", "message", 1)] };

    /// <summary><c>Panic(uint256)</c>: what failed asserts, arithmetic overflow, division by zero, etc. produce.</summary>
    public static readonly ErrorABI Panic = new("Panic") { InputParameters = [new Parameter("uint256", "code", 1)] };

    private readonly byte[] _data;

    private RevertReason(RevertKind kind, ErrorABI? error, IReadOnlyList<object?> arguments, byte[] data)
    {
        Kind = kind;
        Error = error;
        Arguments = arguments;
        _data = data;
    }

    public RevertKind Kind { get; }

    /// <summary>The matched error (including <see cref="ErrorString"/> and <see cref="Panic"/>); null when empty or unrecognised.</summary>
    public ErrorABI? Error { get; }

    /// <summary>The error name ("Error", "Panic", the custom error's name), or null.</summary>
    public string? Name => Error?.Name;

    /// <summary>
    /// The decoded arguments as Nethereum gives them (integers as <see cref="BigInteger"/>, addresses as EIP-55 strings,
    /// bytes as byte[]); empty when there is no matched error.
    /// </summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>The raw revert data.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>
    /// Decodes revert data. <c>Error(string)</c> and <c>Panic(uint256)</c> are always known; pass the contract's
    /// custom errors to recognise those too (first matching selector wins).
    /// </summary>
    public static RevertReason Decode(ReadOnlySpan<byte> data, IEnumerable<ErrorABI>? customErrors = null)
    {
        var copy = data.ToArray();
        if (copy.Length == 0)
        {
            return new RevertReason(RevertKind.Empty, null, [], copy);
        }
        var selector = copy.Length >= 4 ? Hex.Encode(copy.AsSpan(0, 4), prefix: false) : "";
        var candidates = new List<(ErrorABI Error, RevertKind Kind)> { (ErrorString, RevertKind.Error), (Panic, RevertKind.Panic) };
        candidates.AddRange((customErrors ?? []).Select(e => (e, RevertKind.Custom)));
        foreach (var (error, kind) in candidates)
        {
            if (string.Equals(error.Sha3Signature, selector, StringComparison.OrdinalIgnoreCase))
            {
                return TryArguments(error, copy, out var arguments)
                    ? new RevertReason(kind, error, arguments, copy)
                    : new RevertReason(RevertKind.Unrecognised, null, [], copy);
            }
        }
        return new RevertReason(RevertKind.Unrecognised, null, [], copy);
    }

    /// <summary>The meaning of a Solidity panic code (0x11 → "arithmetic overflow or underflow").</summary>
    public static string DescribePanic(BigInteger code) => (int)BigInteger.Min(code, int.MaxValue) switch
    {
        0x00 => "generic compiler panic",
        0x01 => "assertion failed",
        0x11 => "arithmetic overflow or underflow",
        0x12 => "division or modulo by zero",
        0x21 => "invalid enum value",
        0x22 => "incorrectly encoded storage byte array",
        0x31 => "pop on an empty array",
        0x32 => "array index out of bounds",
        0x41 => "too much memory allocated",
        0x51 => "call to a zero-initialised function variable",
        _ => "unknown panic code",
    };

    /// <summary>A one-line description for logs and problem details, e.g. "Error(\"not owner\")" or "Panic(0x11: arithmetic overflow or underflow)".</summary>
    public override string ToString() => Kind switch
    {
        RevertKind.Empty => "revert without data",
        RevertKind.Error => $"Error(\"{Arguments[0]}\")",
        RevertKind.Panic => $"Panic({Hex.EncodeQuantity((BigInteger)Arguments[0]!)}: {DescribePanic((BigInteger)Arguments[0]!)})",
        RevertKind.Custom => $"{Name}({string.Join(", ", Arguments.Select((a, i) => Format(a, Error!.InputParameters[i].Type)))})",
        _ => $"unrecognised revert data {Hex.Encode(_data)}",
    };

    /// <summary>
    /// Nethereum decodes leniently (data cut short reads as zeros, bad UTF-8 as replacement characters), so the arguments
    /// count only when encoding them again gives back exactly the data after the selector, as Solidity writes it.
    /// </summary>
    private static bool TryArguments(ErrorABI error, byte[] data, out object?[] arguments)
    {
        try
        {
            var decoded = new FunctionCallDecoder().DecodeError(error, Hex.Encode(data)).OrderBy(p => p.Parameter.Order).ToArray();
            arguments = decoded.Select(p => p.Result).ToArray();
            var again = new ParametersEncoder().EncodeParameters(decoded.Select(p => p.Parameter).ToArray(), arguments);
            return again.AsSpan().SequenceEqual(data.AsSpan(4));
        }
        catch (Exception) // Nethereum throws plain Exception, IndexOutOfRangeException, its AbiEncodingException…: all mean "not this error"
        {
            arguments = [];
            return false;
        }
    }

    private static string Format(object? value, string type) => value switch
    {
        null => "null",
        BigInteger v => v.ToString(CultureInfo.InvariantCulture),
        bool v => v ? "true" : "false",
        byte[] v => Hex.Encode(v),
        string v when type == "string" => "\"" + v + "\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
