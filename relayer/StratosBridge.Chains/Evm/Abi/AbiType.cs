namespace StratosBridge.Chains.Evm.Abi;

/// <summary>
/// A Solidity ABI type, parsed from text such as "uint256", "bytes32", "address[]", "(uint256,address[])[2]"
/// or "tuple(bool,string)". <see cref="CanonicalName"/> is the form used in signatures and selectors
/// ("uint" becomes "uint256", tuples are written "(…)"). Values for each kind are listed on <see cref="AbiTypeKind"/>.
/// </summary>
public sealed class AbiType : IEquatable<AbiType>
{
    /// <summary>Deepest nesting of arrays and tuples accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Largest fixed array length accepted.</summary>
    public const int MaxFixedLength = 1 << 20;

    private const int MaxStaticSize = 1 << 24;

    private AbiType(AbiTypeKind kind, int size, AbiType? element, IReadOnlyList<AbiType> components, string name,
        bool isDynamic, int headSize, int depth)
    {
        Kind = kind;
        Size = size;
        Element = element;
        Components = components;
        CanonicalName = name;
        IsDynamic = isDynamic;
        HeadSize = headSize;
        Depth = depth;
    }

    public static AbiType Address { get; } = Elementary(AbiTypeKind.Address, 0, "address");

    public static AbiType Bool { get; } = Elementary(AbiTypeKind.Bool, 0, "bool");

    public static AbiType Bytes { get; } = new(AbiTypeKind.Bytes, 0, null, [], "bytes", true, 32, 0);

    public static AbiType String { get; } = new(AbiTypeKind.String, 0, null, [], "string", true, 32, 0);

    public static AbiType UInt256 { get; } = UInt(256);

    public static AbiType Bytes32 { get; } = FixedBytes(32);

    public AbiTypeKind Kind { get; }

    /// <summary>Bits for uint/int, bytes for bytes&lt;M&gt;, the length k for T[k]; 0 otherwise.</summary>
    public int Size { get; }

    /// <summary>The element type of T[] and T[k]; null otherwise.</summary>
    public AbiType? Element { get; }

    /// <summary>The component types of a tuple; empty otherwise.</summary>
    public IReadOnlyList<AbiType> Components { get; }

    /// <summary>The canonical text, e.g. "(uint256,address[])[]".</summary>
    public string CanonicalName { get; }

    /// <summary>True for bytes, string, T[], and any array or tuple containing a dynamic type.</summary>
    public bool IsDynamic { get; }

    /// <summary>Bytes the type takes in the head of an enclosing tuple: 32 for dynamic types, the full size otherwise.</summary>
    internal int HeadSize { get; }

    internal int Depth { get; }

    /// <summary>uint&lt;bits&gt;, bits = 8…256 in steps of 8.</summary>
    public static AbiType UInt(int bits) => Elementary(AbiTypeKind.UInt, CheckBits(bits), $"uint{bits}");

    /// <summary>int&lt;bits&gt;, bits = 8…256 in steps of 8.</summary>
    public static AbiType Int(int bits) => Elementary(AbiTypeKind.Int, CheckBits(bits), $"int{bits}");

    /// <summary>bytes&lt;length&gt;, length = 1…32.</summary>
    public static AbiType FixedBytes(int length) =>
        length is >= 1 and <= 32
            ? Elementary(AbiTypeKind.FixedBytes, length, $"bytes{length}")
            : throw new ArgumentOutOfRangeException(nameof(length), "bytes<M> needs 1 <= M <= 32");

    /// <summary>T[].</summary>
    public static AbiType ArrayOf(AbiType element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new(AbiTypeKind.Array, 0, element, [], element.CanonicalName + "[]", true, 32, CheckDepth(element.Depth + 1));
    }

    /// <summary>T[length], length = 1…<see cref="MaxFixedLength"/>.</summary>
    public static AbiType FixedArrayOf(AbiType element, int length)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (length is < 1 or > MaxFixedLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"a fixed array length must be 1..{MaxFixedLength}");
        }
        var head = element.IsDynamic ? 32 : CheckStaticSize((long)element.HeadSize * length);
        return new(AbiTypeKind.FixedArray, length, element, [], $"{element.CanonicalName}[{length}]", element.IsDynamic,
            head, CheckDepth(element.Depth + 1));
    }

    /// <summary>(T1,…,Tn), n ≥ 1.</summary>
    public static AbiType Tuple(params IEnumerable<AbiType> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var list = components.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("an empty tuple is not a valid ABI type", nameof(components));
        }
        foreach (var c in list)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(components));
        }
        var dynamic = list.Any(c => c.IsDynamic);
        var head = dynamic ? 32 : CheckStaticSize(list.Sum(c => (long)c.HeadSize));
        return new(AbiTypeKind.Tuple, 0, null, list, "(" + string.Join(",", list.Select(c => c.CanonicalName)) + ")",
            dynamic, head, CheckDepth(list.Max(c => c.Depth) + 1));
    }

    /// <summary>
    /// Parses a type: elementary names ("uint" = "uint256", "int" = "int256"), "T[]", "T[k]", "(T1,T2)" or "tuple(T1,T2)";
    /// whitespace after commas and component names inside tuples are allowed. Throws <see cref="FormatException"/>.
    /// </summary>
    public static AbiType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new AbiSignatureReader(text);
        var type = reader.ReadType();
        reader.ExpectEnd();
        return type;
    }

    public bool Equals(AbiType? other) => other is not null && CanonicalName == other.CanonicalName;

    public override bool Equals(object? obj) => Equals(obj as AbiType);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalName);

    public override string ToString() => CanonicalName;

    private static AbiType Elementary(AbiTypeKind kind, int size, string name) => new(kind, size, null, [], name, false, 32, 0);

    private static int CheckBits(int bits) =>
        bits is >= 8 and <= 256 && bits % 8 == 0
            ? bits
            : throw new ArgumentOutOfRangeException(nameof(bits), "integer widths are 8..256 in steps of 8");

    private static int CheckDepth(int depth) =>
        depth <= MaxDepth ? depth : throw new ArgumentException($"types nest at most {MaxDepth} deep");

    private static int CheckStaticSize(long size) =>
        size <= MaxStaticSize ? (int)size : throw new ArgumentException($"a static type larger than {MaxStaticSize} bytes is not supported");
}
