using System.Numerics;
using StratosBridge.Chains.Evm.Rlp;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Chains.Evm.Transactions;

/// <summary>
/// An EIP-1559 (type 0x02) transaction: signs keccak(0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
/// gasLimit, to, value, data, accessList])) and is sent as 0x02 ‖ rlp([…, yParity, r, s]).
/// </summary>
public sealed class Eip1559Transaction : UnsignedTransaction
{
    /// <summary>The EIP-2718 type byte.</summary>
    public const byte TypeByte = 0x02;

    /// <summary>Tip per gas to the block producer, in wei.</summary>
    public required BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>Cap on base fee + tip per gas, in wei; must be ≥ <see cref="MaxPriorityFeePerGas"/>.</summary>
    public required BigInteger MaxFeePerGas { get; init; }

    /// <summary>The EIP-2930 access list (usually empty).</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    public override byte Type => TypeByte;

    public override byte[] SigningHash()
    {
        Validate();
        return Keccak256.Hash(Typed(RlpCodec.Encode(RlpItem.List(Fields()))));
    }

    public override byte[] Encode(EthSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        Validate();
        return Typed(RlpCodec.Encode(RlpItem.List(Fields().Concat(
            [RlpItem.FromInteger(signature.YParity), RlpItem.FromInteger(signature.R), RlpItem.FromInteger(signature.S)]))));
    }

    protected override void Validate()
    {
        base.Validate();
        CheckUInt256(MaxPriorityFeePerGas, nameof(MaxPriorityFeePerGas));
        CheckUInt256(MaxFeePerGas, nameof(MaxFeePerGas));
        if (MaxPriorityFeePerGas > MaxFeePerGas)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPriorityFeePerGas), MaxPriorityFeePerGas,
                "the priority fee cannot exceed the max fee per gas");
        }
        ArgumentNullException.ThrowIfNull(AccessList, nameof(AccessList));
    }

    /// <summary>Reads the 12-item RLP list (after the type byte) of a signed EIP-1559 transaction.</summary>
    internal static (Eip1559Transaction Transaction, EthSignature Signature) DecodeSigned(RlpItem list)
    {
        var items = list.Items;
        if (items.Count != 12)
        {
            throw new FormatException($"an EIP-1559 transaction has 12 fields, not {items.Count}");
        }
        var accessList = items[8].Items.Select(entry =>
        {
            var pair = entry.Items;
            if (pair.Count != 2 || pair[0].Bytes.Length != EthAddress.Length)
            {
                throw new FormatException("an access list entry is [address, [storageKey…]]");
            }
            return new AccessListEntry(EthAddress.FromBytes(pair[0].Bytes), pair[1].Items.Select(k =>
                k.Bytes.Length == 32 ? k.ToArray() : throw new FormatException("a storage key is 32 bytes")));
        }).ToArray();
        var parity = items[9].ToBigInteger();
        if (parity > 1)
        {
            throw new FormatException($"y parity must be 0 or 1, not {parity}");
        }
        var chainId = items[0].ToBigInteger(8);
        var transaction = new Eip1559Transaction
        {
            ChainId = (ulong)chainId,
            Nonce = items[1].ToUInt64(),
            MaxPriorityFeePerGas = items[2].ToBigInteger(),
            MaxFeePerGas = items[3].ToBigInteger(),
            GasLimit = items[4].ToUInt64(),
            To = ReadTo(items[5]),
            Value = items[6].ToBigInteger(),
            Data = items[7].ToArray(),
            AccessList = accessList,
        };
        var signature = EthSignature.Create(items[10].ToBigInteger(), items[11].ToBigInteger(), (int)parity);
        return (transaction, signature);
    }

    private static byte[] Typed(byte[] rlp)
    {
        var output = new byte[1 + rlp.Length];
        output[0] = TypeByte;
        rlp.CopyTo(output, 1);
        return output;
    }

    private IEnumerable<RlpItem> Fields() =>
    [
        RlpItem.FromInteger(ChainId),
        RlpItem.FromInteger(Nonce),
        RlpItem.FromInteger(MaxPriorityFeePerGas),
        RlpItem.FromInteger(MaxFeePerGas),
        RlpItem.FromInteger(GasLimit),
        ToItem(To),
        RlpItem.FromInteger(Value),
        RlpItem.FromBytes(Data),
        RlpItem.List(AccessList.Select(entry => RlpItem.List(
            RlpItem.FromBytes(entry.Address.Bytes),
            RlpItem.List(entry.Keys.Select(k => RlpItem.FromBytes(k)))))),
    ];
}
