using System.Numerics;
using Nethereum.Model;
using Nethereum.Signer;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Chains.Evm.Transactions;

/// <summary>
/// The fields of an EIP-1559 (type 0x02) transaction, every one set by us (the nonce comes from the ledger, the fees
/// from <c>EvmFeeSuggestion</c>): <see cref="Sign"/> encodes and signs them offline with Nethereum's
/// <see cref="Transaction1559Signer"/>, which never asks a node for anything. Amounts are wei in [0, 2²⁵⁶).
/// </summary>
public sealed class Eip1559Transaction
{
    private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    /// <summary>EIP-155 chain id (e.g. 1, 56, 2048). Part of what is signed, so a signature cannot be replayed on another chain.</summary>
    public required ulong ChainId { get; init; }

    public required ulong Nonce { get; init; }

    public required ulong GasLimit { get; init; }

    /// <summary>The recipient, or null for a contract creation.</summary>
    public EthAddress? To { get; init; }

    /// <summary>Wei sent with the transaction.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Calldata (or init code for a creation).</summary>
    public byte[] Data { get; init; } = [];

    /// <summary>Tip per gas to the block producer, in wei.</summary>
    public required BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>Cap on base fee + tip per gas, in wei; must be ≥ <see cref="MaxPriorityFeePerGas"/>.</summary>
    public required BigInteger MaxFeePerGas { get; init; }

    /// <summary>Signs with <paramref name="key"/>: the raw bytes to persist and broadcast, their hash and the sender.</summary>
    public SignedTransaction Sign(EthKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Validate();
        var transaction = new Transaction1559(ChainId, Nonce, MaxPriorityFeePerGas, MaxFeePerGas, GasLimit, To?.ToLowerHex(), Value,
            Hex.Encode(Data), []);
        new Transaction1559Signer().SignTransaction(key.Key, transaction);
        return new SignedTransaction(this, transaction.GetRLPEncoded(), key.Address);
    }

    /// <summary>Checks field ranges; throws <see cref="ArgumentOutOfRangeException"/> naming the bad field.</summary>
    private void Validate()
    {
        if (ChainId == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ChainId), ChainId, "the chain id must be at least 1");
        }
        CheckUInt256(Value, nameof(Value));
        CheckUInt256(MaxPriorityFeePerGas, nameof(MaxPriorityFeePerGas));
        CheckUInt256(MaxFeePerGas, nameof(MaxFeePerGas));
        if (MaxPriorityFeePerGas > MaxFeePerGas)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPriorityFeePerGas), MaxPriorityFeePerGas,
                "the priority fee cannot exceed the max fee per gas");
        }
        ArgumentNullException.ThrowIfNull(Data, nameof(Data));
    }

    private static void CheckUInt256(BigInteger value, string field)
    {
        if (value.Sign < 0 || value >= TwoTo256)
        {
            throw new ArgumentOutOfRangeException(field, value, $"{field} must be in [0, 2^256)");
        }
    }
}
