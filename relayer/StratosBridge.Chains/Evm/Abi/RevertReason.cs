using System.Numerics;

namespace StratosBridge.Chains.Evm.Abi;

/// <summary>
/// Decoded revert data of a failed call or transaction: <c>Error(string)</c>, <c>Panic(uint256)</c>, one of a
/// contract's custom errors, empty, or unrecognised. Decoding never throws: bad data is <see cref="RevertKind.Unrecognised"/>.
/// </summary>
public sealed class RevertReason
{
    private readonly byte[] _data;

    private RevertReason(RevertKind kind, AbiError? error, IReadOnlyList<object?> arguments, byte[] data)
    {
        Kind = kind;
        Error = error;
        Arguments = arguments;
        _data = data;
    }

    public RevertKind Kind { get; }

    /// <summary>The matched error (including <see cref="AbiError.ErrorString"/> and <see cref="AbiError.Panic"/>); null when empty or unrecognised.</summary>
    public AbiError? Error { get; }

    /// <summary>The error name ("Error", "Panic", the custom error's name), or null.</summary>
    public string? Name => Error?.Name;

    /// <summary>The decoded arguments (empty when there is no matched error).</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>The raw revert data.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>
    /// Decodes revert data. <c>Error(string)</c> and <c>Panic(uint256)</c> are always known; pass the contract's
    /// custom errors to recognise those too (first matching selector wins).
    /// </summary>
    public static RevertReason Decode(ReadOnlySpan<byte> data, IEnumerable<AbiError>? customErrors = null)
    {
        var copy = data.ToArray();
        if (copy.Length == 0)
        {
            return new RevertReason(RevertKind.Empty, null, [], copy);
        }
        var candidates = new List<(AbiError Error, RevertKind Kind)>
        {
            (AbiError.ErrorString, RevertKind.Error),
            (AbiError.Panic, RevertKind.Panic),
        };
        candidates.AddRange((customErrors ?? []).Select(e => (e, RevertKind.Custom)));
        foreach (var (error, kind) in candidates)
        {
            if (error.Matches(copy))
            {
                try
                {
                    return new RevertReason(kind, error, error.DecodeArguments(copy), copy);
                }
                catch (FormatException)
                {
                    break;
                }
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
        RevertKind.Custom => $"{Name}({string.Join(", ", Arguments.Select(AbiValueText.Format))})",
        _ => $"unrecognised revert data {Hex.Encode(_data)}",
    };
}
