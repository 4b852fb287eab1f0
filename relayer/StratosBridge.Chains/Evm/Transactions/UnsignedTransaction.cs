using System.Numerics;
using StratosBridge.Chains.Evm.Rlp;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Chains.Evm.Transactions;

/// <summary>
/// The fields every EVM transaction has. Build a <see cref="LegacyTransaction"/> or an <see cref="Eip1559Transaction"/>,
/// then <see cref="Sign"/> it to get the raw bytes to persist and broadcast; <see cref="SignedTransaction.Decode"/> reads them back.
/// Amounts are wei as <see cref="BigInteger"/> and must lie in [0, 2²⁵⁶).
/// </summary>
public abstract class UnsignedTransaction
{
    internal static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    /// <summary>EIP-155 chain id (e.g. 1, 56, 2048). Part of what is signed, so a signature cannot be replayed on another chain.</summary>
    public required ulong ChainId { get; init; }

    public required ulong Nonce { get; init; }

    public required ulong GasLimit { get; init; }

    /// <summary>The recipient, or null for a contract creation.</summary>
    public EthAddress? To { get; init; }

    /// <summary>Wei sent with the transaction.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Calldata (or init code for a creation). Not copied: do not change it after signing.</summary>
    public byte[] Data { get; init; } = [];

    /// <summary>The EIP-2718 type: 0 for legacy, 2 for EIP-1559.</summary>
    public abstract byte Type { get; }

    /// <summary>The 32-byte hash a sender signs (includes the chain id).</summary>
    public abstract byte[] SigningHash();

    /// <summary>The raw signed transaction for <c>eth_sendRawTransaction</c>, with the given signature.</summary>
    public abstract byte[] Encode(EthSignature signature);

    /// <summary>Signs with <paramref name="key"/>: raw bytes, transaction hash and sender in one object.</summary>
    public SignedTransaction Sign(EthKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Validate();
        var signature = key.Sign(SigningHash());
        return new SignedTransaction(this, signature, Encode(signature), key.Address);
    }

    /// <summary>Checks field ranges; throws <see cref="ArgumentOutOfRangeException"/> naming the bad field.</summary>
    protected virtual void Validate()
    {
        if (ChainId == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ChainId), ChainId, "the chain id must be at least 1");
        }
        CheckUInt256(Value, nameof(Value));
        ArgumentNullException.ThrowIfNull(Data, nameof(Data));
    }

    internal static void CheckUInt256(BigInteger value, string field)
    {
        if (value.Sign < 0 || value >= TwoTo256)
        {
            throw new ArgumentOutOfRangeException(field, value, $"{field} must be in [0, 2^256)");
        }
    }

    internal static RlpItem ToItem(EthAddress? to) => to is { } address ? RlpItem.FromBytes(address.Bytes) : RlpItem.EmptyString;

    internal static EthAddress? ReadTo(RlpItem item) => item.Bytes.Length switch
    {
        0 => null,
        EthAddress.Length => EthAddress.FromBytes(item.Bytes),
        var n => throw new FormatException($"'to' is {n} bytes; expected 0 or 20"),
    };
}
