using System.Numerics;

namespace StratosBridge.Chains.Evm.Rlp;

/// <summary>
/// One RLP item: a byte string or a list of items. Immutable. Integers are byte strings holding the minimal
/// big-endian form (zero is the empty string), as Ethereum's RLP requires.
/// </summary>
public sealed class RlpItem
{
    private readonly byte[]? _bytes;
    private readonly RlpItem[]? _items;

    private RlpItem(byte[]? bytes, RlpItem[]? items)
    {
        _bytes = bytes;
        _items = items;
    }

    /// <summary>The empty byte string (encodes as 0x80).</summary>
    public static RlpItem EmptyString { get; } = new([], null);

    /// <summary>The empty list (encodes as 0xc0).</summary>
    public static RlpItem EmptyList { get; } = new(null, []);

    public bool IsList => _items is not null;

    /// <summary>The bytes of a string item; throws <see cref="FormatException"/> on a list.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? throw new FormatException("expected an RLP string, found a list");

    /// <summary>The children of a list item; throws <see cref="FormatException"/> on a string.</summary>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new FormatException("expected an RLP list, found a string");

    /// <summary>A byte-string item (the bytes are copied).</summary>
    public static RlpItem FromBytes(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? EmptyString : new(bytes.ToArray(), null);

    /// <summary>A non-negative integer as its minimal big-endian byte string (0 → empty string).</summary>
    public static RlpItem FromInteger(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "RLP integers are non-negative");
        }
        return value.IsZero ? EmptyString : new(value.ToByteArray(isUnsigned: true, isBigEndian: true), null);
    }

    /// <summary>A list item.</summary>
    public static RlpItem List(params IEnumerable<RlpItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        foreach (var item in array)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }
        return array.Length == 0 ? EmptyList : new(null, array);
    }

    /// <summary>A copy of the bytes of a string item.</summary>
    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>
    /// Reads a string item as a canonical non-negative integer: no leading zero byte, at most
    /// <paramref name="maxBytes"/> bytes (32 = uint256). Throws <see cref="FormatException"/> otherwise.
    /// </summary>
    public BigInteger ToBigInteger(int maxBytes = 32)
    {
        var bytes = Bytes;
        if (bytes.Length > 0 && bytes[0] == 0)
        {
            throw new FormatException("RLP integer has a leading zero byte");
        }
        if (bytes.Length > maxBytes)
        {
            throw new FormatException($"RLP integer is longer than {maxBytes} bytes");
        }
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads a string item as a canonical integer that fits in 64 bits.</summary>
    public ulong ToUInt64() => (ulong)ToBigInteger(8);

    public override string ToString() =>
        _items is null ? Hex.Encode(_bytes) : "[" + string.Join(", ", _items.Select(i => i.ToString())) + "]";
}
