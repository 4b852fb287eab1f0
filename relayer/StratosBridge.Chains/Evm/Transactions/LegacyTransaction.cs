using System.Numerics;
using StratosBridge.Chains.Evm.Rlp;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Chains.Evm.Transactions;

/// <summary>
/// A legacy (type 0) transaction with EIP-155 replay protection: it signs
/// keccak(rlp([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0])) and carries v = chainId·2 + 35 + y parity.
/// Pre-EIP-155 signatures (v = 27/28) are neither produced nor accepted.
/// </summary>
public sealed class LegacyTransaction : UnsignedTransaction
{
    /// <summary>Wei per gas.</summary>
    public required BigInteger GasPrice { get; init; }

    public override byte Type => 0;

    public override byte[] SigningHash()
    {
        Validate();
        return Keccak256.Hash(RlpCodec.Encode(RlpItem.List(
            Fields().Concat([RlpItem.FromInteger(ChainId), RlpItem.EmptyString, RlpItem.EmptyString]))));
    }

    public override byte[] Encode(EthSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        Validate();
        var v = new BigInteger(ChainId) * 2 + 35 + signature.YParity;
        return RlpCodec.Encode(RlpItem.List(
            Fields().Concat([RlpItem.FromInteger(v), RlpItem.FromInteger(signature.R), RlpItem.FromInteger(signature.S)])));
    }

    protected override void Validate()
    {
        base.Validate();
        CheckUInt256(GasPrice, nameof(GasPrice));
    }

    /// <summary>Reads the 9-item RLP list of a signed legacy transaction.</summary>
    internal static (LegacyTransaction Transaction, EthSignature Signature) DecodeSigned(RlpItem list)
    {
        var items = list.Items;
        if (items.Count != 9)
        {
            throw new FormatException($"a legacy transaction has 9 fields, not {items.Count}");
        }
        var v = items[6].ToBigInteger();
        if (v < 35)
        {
            throw new FormatException($"v = {v}: pre-EIP-155 (unprotected) legacy transactions are not accepted");
        }
        var chainId = (v - 35) / 2;
        if (chainId > ulong.MaxValue)
        {
            throw new FormatException("chain id does not fit in 64 bits");
        }
        var transaction = new LegacyTransaction
        {
            Nonce = items[0].ToUInt64(),
            GasPrice = items[1].ToBigInteger(),
            GasLimit = items[2].ToUInt64(),
            To = ReadTo(items[3]),
            Value = items[4].ToBigInteger(),
            Data = items[5].ToArray(),
            ChainId = (ulong)chainId,
        };
        var signature = EthSignature.Create(items[7].ToBigInteger(), items[8].ToBigInteger(), (int)((v - 35) % 2));
        return (transaction, signature);
    }

    private IEnumerable<RlpItem> Fields() =>
    [
        RlpItem.FromInteger(Nonce),
        RlpItem.FromInteger(GasPrice),
        RlpItem.FromInteger(GasLimit),
        ToItem(To),
        RlpItem.FromInteger(Value),
        RlpItem.FromBytes(Data),
    ];
}
