namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// A block parameter: a number, or one of the tags <c>latest</c>, <c>safe</c>, <c>finalized</c>, <c>pending</c>,
/// <c>earliest</c>. A <c>long</c> converts implicitly. <c>default</c> means <c>latest</c>.
/// </summary>
public readonly record struct EvmBlockTag
{
    private readonly string? _value;

    private EvmBlockTag(string value, long? blockNumber)
    {
        _value = value;
        BlockNumber = blockNumber;
    }

    public static EvmBlockTag Latest { get; } = new("latest", null);

    public static EvmBlockTag Safe { get; } = new("safe", null);

    public static EvmBlockTag Finalized { get; } = new("finalized", null);

    public static EvmBlockTag Pending { get; } = new("pending", null);

    public static EvmBlockTag Earliest { get; } = new("earliest", null);

    /// <summary>The JSON-RPC form: a tag name or a hex quantity.</summary>
    public string Value => _value ?? "latest";

    /// <summary>The block number when this is a number rather than a tag.</summary>
    public long? BlockNumber { get; }

    public static EvmBlockTag Number(long blockNumber) =>
        new(EvmRpcHex.Quantity(blockNumber), blockNumber);

    public static implicit operator EvmBlockTag(long blockNumber) => Number(blockNumber);

    /// <summary>Tags are equal when they mean the same block parameter (<c>default</c> equals <see cref="Latest"/>).</summary>
    public bool Equals(EvmBlockTag other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => BlockNumber is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : Value;
}
