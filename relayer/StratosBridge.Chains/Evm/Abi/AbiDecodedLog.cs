namespace StratosBridge.Chains.Evm.Abi;

/// <summary>
/// An event log decoded by <see cref="AbiEvent.DecodeLog"/>: one value per event parameter, in declaration order
/// (indexed and non-indexed alike). Indexed dynamic/composite parameters are <see cref="AbiIndexedHash"/>.
/// </summary>
public sealed class AbiDecodedLog
{
    internal AbiDecodedLog(AbiEvent @event, IReadOnlyList<object?> values)
    {
        Event = @event;
        Values = values;
    }

    public AbiEvent Event { get; }

    public IReadOnlyList<object?> Values { get; }

    /// <summary>The value of the parameter named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    public object? this[string name]
    {
        get
        {
            for (var i = 0; i < Event.Parameters.Count; i++)
            {
                if (Event.Parameters[i].Name == name)
                {
                    return Values[i];
                }
            }
            throw new KeyNotFoundException($"{Event.Signature} has no parameter named '{name}'");
        }
    }

    public override string ToString() => $"{Event.Name}({string.Join(", ", Values.Select(AbiValueText.Format))})";
}
