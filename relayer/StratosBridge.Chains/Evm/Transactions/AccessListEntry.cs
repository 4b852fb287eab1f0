namespace StratosBridge.Chains.Evm.Transactions;

/// <summary>One EIP-2930 access list entry: an address and the 32-byte storage keys the transaction pre-declares.</summary>
public sealed class AccessListEntry
{
    private readonly byte[][] _storageKeys;

    public AccessListEntry(EthAddress address, IEnumerable<byte[]> storageKeys)
    {
        ArgumentNullException.ThrowIfNull(storageKeys);
        Address = address;
        _storageKeys = storageKeys.Select(k => k is { Length: 32 }
            ? (byte[])k.Clone()
            : throw new ArgumentException("a storage key is 32 bytes", nameof(storageKeys))).ToArray();
    }

    public EthAddress Address { get; }

    /// <summary>The storage keys, 32 bytes each (copies).</summary>
    public IReadOnlyList<byte[]> StorageKeys => _storageKeys.Select(k => (byte[])k.Clone()).ToArray();

    internal IReadOnlyList<byte[]> Keys => _storageKeys;
}
