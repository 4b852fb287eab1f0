using System.Collections;
using System.Numerics;
using System.Text;

namespace StratosBridge.Chains.Evm.Abi;

/// <summary>
/// The Solidity contract ABI encoding (what <c>abi.encode</c> / <c>abi.decode</c> do) of a list of values.
/// Values per type: uint/int → <see cref="BigInteger"/> (or any built-in integer type when encoding), address →
/// <see cref="EthAddress"/>, bool → bool, bytes&lt;M&gt; and bytes → byte[], string → string, arrays and tuples → lists
/// (decoded as object?[]). Encoding range-checks every value; decoding is strict about every 32-byte word
/// (no dirty high bits, bool is 0 or 1, bytes&lt;M&gt; padding is zero, strings are valid UTF-8) and bounds every offset
/// and length. Errors: <see cref="ArgumentException"/> when encoding, <see cref="FormatException"/> when decoding.
/// </summary>
public static class AbiCodec
{
    private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    /// <summary>abi.encode(values…) for the given types (the values are encoded as one tuple).</summary>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
        {
            throw new ArgumentException($"{types.Count} types but {values.Count} values", nameof(values));
        }
        return EncodeSequence(i => types[i], types.Count, i => values[i], "");
    }

    /// <summary>abi.decode(data, (types…)): one value per type. Extra bytes after the encoding are ignored, as Solidity does.</summary>
    public static object?[] Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        return new Decoder(data.ToArray()).Sequence(i => types[i], types.Count, 0, "");
    }

    /// <summary>The 32-byte word of a static elementary value (uint, int, address, bool, bytes&lt;M&gt;).</summary>
    internal static byte[] EncodeWord(AbiType type, object? value, string path)
    {
        var word = new byte[32];
        switch (type.Kind)
        {
            case AbiTypeKind.UInt:
            {
                var v = AsInteger(value, type, path);
                if (v.Sign < 0 || v >= BigInteger.One << type.Size)
                {
                    throw new ArgumentOutOfRangeException(path, v, $"{Where(path)}{v} does not fit in {type}");
                }
                WriteUnsigned(v, word);
                break;
            }
            case AbiTypeKind.Int:
            {
                var v = AsInteger(value, type, path);
                var half = BigInteger.One << (type.Size - 1);
                if (v < -half || v >= half)
                {
                    throw new ArgumentOutOfRangeException(path, v, $"{Where(path)}{v} does not fit in {type}");
                }
                WriteUnsigned(v.Sign < 0 ? v + TwoTo256 : v, word);
                break;
            }
            case AbiTypeKind.Address:
                (value is EthAddress address ? address : throw Mismatch(type, value, path)).Bytes.CopyTo(word.AsSpan(12));
                break;
            case AbiTypeKind.Bool:
                word[31] = value is bool b ? (byte)(b ? 1 : 0) : throw Mismatch(type, value, path);
                break;
            case AbiTypeKind.FixedBytes:
            {
                var bytes = AsBytes(value, type, path);
                if (bytes.Length != type.Size)
                {
                    throw new ArgumentException($"{Where(path)}{type} needs exactly {type.Size} bytes, got {bytes.Length}", path);
                }
                bytes.CopyTo(word, 0);
                break;
            }
            default:
                throw new InvalidOperationException($"{type} is not a word type");
        }
        return word;
    }

    /// <summary>Reads and validates the 32-byte word of a static elementary value.</summary>
    internal static object DecodeWord(AbiType type, ReadOnlySpan<byte> word, string path)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UInt:
                if (type.Size < 256 && word[..(32 - type.Size / 8)].ContainsAnyExcept((byte)0))
                {
                    throw new FormatException($"{Where(path)}value does not fit in {type}");
                }
                return new BigInteger(word, isUnsigned: true, isBigEndian: true);
            case AbiTypeKind.Int:
            {
                var value = new BigInteger(word, isUnsigned: false, isBigEndian: true);
                var half = BigInteger.One << (type.Size - 1);
                if (value < -half || value >= half)
                {
                    throw new FormatException($"{Where(path)}value is not a sign-extended {type}");
                }
                return value;
            }
            case AbiTypeKind.Address:
                if (word[..12].ContainsAnyExcept((byte)0))
                {
                    throw new FormatException($"{Where(path)}address has non-zero high bytes");
                }
                return EthAddress.FromBytes(word[12..]);
            case AbiTypeKind.Bool:
                if (word[..31].ContainsAnyExcept((byte)0) || word[31] > 1)
                {
                    throw new FormatException($"{Where(path)}bool is not 0 or 1");
                }
                return word[31] == 1;
            case AbiTypeKind.FixedBytes:
                if (word[type.Size..].ContainsAnyExcept((byte)0))
                {
                    throw new FormatException($"{Where(path)}{type} has non-zero padding");
                }
                return word[..type.Size].ToArray();
            default:
                throw new InvalidOperationException($"{type} is not a word type");
        }
    }

    internal static byte[] AsBytes(object? value, AbiType type, string path) => value switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        Memory<byte> memory => memory.ToArray(),
        _ => throw Mismatch(type, value, path),
    };

    internal static IList AsList(object? value, AbiType type, string path, int? expectedCount)
    {
        if (value is not IList list || value is string)
        {
            throw Mismatch(type, value, path);
        }
        if (expectedCount is { } n && list.Count != n)
        {
            throw new ArgumentException($"{Where(path)}{type} needs {n} elements, got {list.Count}", path);
        }
        return list;
    }

    internal static string Where(string path) => path.Length == 0 ? "" : $"at {path}: ";

    internal static byte[] PadRight32(ReadOnlySpan<byte> bytes)
    {
        var padded = new byte[(bytes.Length + 31) / 32 * 32];
        bytes.CopyTo(padded);
        return padded;
    }

    private static byte[] Encode(AbiType type, object? value, string path)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bytes:
                return LengthPrefixed(AsBytes(value, type, path));
            case AbiTypeKind.String:
                return LengthPrefixed(Encoding.UTF8.GetBytes(value as string ?? throw Mismatch(type, value, path)));
            case AbiTypeKind.Array:
            {
                var list = AsList(value, type, path, null);
                var length = new byte[32];
                WriteUnsigned(list.Count, length);
                return [.. length, .. EncodeSequence(_ => type.Element!, list.Count, i => list[i], path)];
            }
            case AbiTypeKind.FixedArray:
            {
                var list = AsList(value, type, path, type.Size);
                return EncodeSequence(_ => type.Element!, list.Count, i => list[i], path);
            }
            case AbiTypeKind.Tuple:
            {
                var list = AsList(value, type, path, type.Components.Count);
                return EncodeSequence(i => type.Components[i], list.Count, i => list[i], path);
            }
            default:
                return EncodeWord(type, value, path);
        }
    }

    private static byte[] EncodeSequence(Func<int, AbiType> typeAt, int count, Func<int, object?> valueAt, string path)
    {
        var headSize = 0L;
        for (var i = 0; i < count; i++)
        {
            headSize += typeAt(i).HeadSize;
        }
        var heads = new List<byte[]>(count);
        var tails = new List<byte[]>();
        var tailSize = 0L;
        for (var i = 0; i < count; i++)
        {
            var type = typeAt(i);
            var elementPath = path.Length == 0 ? $"value {i}" : $"{path}[{i}]";
            var encoded = Encode(type, valueAt(i), elementPath);
            if (type.IsDynamic)
            {
                var offset = new byte[32];
                WriteUnsigned(headSize + tailSize, offset);
                heads.Add(offset);
                tails.Add(encoded);
                tailSize += encoded.Length;
            }
            else
            {
                heads.Add(encoded);
            }
        }
        var output = new byte[checked((int)(headSize + tailSize))];
        var at = 0;
        foreach (var part in heads.Concat(tails))
        {
            part.CopyTo(output, at);
            at += part.Length;
        }
        return output;
    }

    private static byte[] LengthPrefixed(byte[] bytes)
    {
        var output = new byte[32 + (bytes.Length + 31) / 32 * 32];
        WriteUnsigned(bytes.Length, output.AsSpan(0, 32));
        bytes.CopyTo(output, 32);
        return output;
    }

    private static void WriteUnsigned(BigInteger value, Span<byte> word)
    {
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(word[(32 - count)..], out _, isUnsigned: true, isBigEndian: true);
    }

    private static BigInteger AsInteger(object? value, AbiType type, string path) => value switch
    {
        BigInteger v => v,
        int v => v,
        long v => v,
        uint v => v,
        ulong v => v,
        short v => v,
        ushort v => v,
        byte v => v,
        sbyte v => v,
        _ => throw Mismatch(type, value, path),
    };

    private static ArgumentException Mismatch(AbiType type, object? value, string path) =>
        new($"{Where(path)}a {value?.GetType().Name ?? "null"} is not a value for {type}", path.Length == 0 ? "values" : path);

    /// <summary>One decoding pass; counts the words it reads so that offsets pointing at shared data cannot blow up.</summary>
    private sealed class Decoder(byte[] data)
    {
        private readonly long _budget = 4L * ((data.Length + 31) / 32) + 64;
        private long _wordsRead;

        public object?[] Sequence(Func<int, AbiType> typeAt, int count, int start, string path)
        {
            var values = new object?[count];
            var head = (long)start;
            for (var i = 0; i < count; i++)
            {
                var type = typeAt(i);
                var elementPath = path.Length == 0 ? $"value {i}" : $"{path}[{i}]";
                if (type.IsDynamic)
                {
                    var offset = ReadLength(head, elementPath, "offset");
                    if (offset > data.Length - start)
                    {
                        throw new FormatException($"{Where(elementPath)}offset {offset} points past the end of the data");
                    }
                    values[i] = Value(type, start + (int)offset, elementPath);
                }
                else
                {
                    values[i] = Value(type, checked((int)head), elementPath);
                }
                head += type.HeadSize;
            }
            return values;
        }

        private object? Value(AbiType type, int at, string path)
        {
            switch (type.Kind)
            {
                case AbiTypeKind.Bytes:
                case AbiTypeKind.String:
                {
                    var length = ReadLength(at, path, "length");
                    if (length > data.Length - at - 32)
                    {
                        throw new FormatException($"{Where(path)}{type} length {length} runs past the end of the data");
                    }
                    Spend((length + 31) / 32, path);
                    var bytes = data.AsSpan(at + 32, (int)length);
                    if (type.Kind == AbiTypeKind.Bytes)
                    {
                        return bytes.ToArray();
                    }
                    try
                    {
                        return StrictUtf8.GetString(bytes);
                    }
                    catch (DecoderFallbackException e)
                    {
                        throw new FormatException($"{Where(path)}string is not valid UTF-8", e);
                    }
                }
                case AbiTypeKind.Array:
                {
                    var length = ReadLength(at, path, "length");
                    var element = type.Element!;
                    if (length * element.HeadSize > data.Length - at - 32L)
                    {
                        throw new FormatException($"{Where(path)}array length {length} runs past the end of the data");
                    }
                    return Sequence(_ => element, (int)length, at + 32, path);
                }
                case AbiTypeKind.FixedArray:
                    return Sequence(_ => type.Element!, type.Size, at, path);
                case AbiTypeKind.Tuple:
                    return Sequence(i => type.Components[i], type.Components.Count, at, path);
                default:
                    return DecodeWord(type, Word(at, path), path);
            }
        }

        /// <summary>A word that must be a length or offset: below 2³² (anything larger cannot fit in the data anyway).</summary>
        private long ReadLength(long at, string path, string what)
        {
            var word = Word(at, path);
            if (word[..28].ContainsAnyExcept((byte)0))
            {
                throw new FormatException($"{Where(path)}{what} is too large");
            }
            return ((long)word[28] << 24) | ((long)word[29] << 16) | ((long)word[30] << 8) | word[31];
        }

        private ReadOnlySpan<byte> Word(long at, string path)
        {
            if (at < 0 || at > data.Length - 32)
            {
                throw new FormatException($"{Where(path)}the data ends before the word at {at}");
            }
            Spend(1, path);
            return data.AsSpan((int)at, 32);
        }

        private void Spend(long words, string path)
        {
            _wordsRead += words;
            if (_wordsRead > _budget)
            {
                throw new FormatException($"{Where(path)}offsets reuse data beyond any valid encoding of this size");
            }
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
