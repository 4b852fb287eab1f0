using StratosBridge.Chains.Evm.Rlp;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Chains.Evm.Transactions;

/// <summary>
/// A signed transaction: the exact raw bytes to persist and (re-)broadcast, its hash (keccak of the raw bytes,
/// what nodes and explorers show) and its sender. Made by <see cref="UnsignedTransaction.Sign"/> or <see cref="Decode"/>.
/// </summary>
public sealed class SignedTransaction
{
    private readonly byte[] _raw;
    private readonly byte[] _hash;

    internal SignedTransaction(UnsignedTransaction transaction, EthSignature signature, byte[] raw, EthAddress sender)
    {
        Transaction = transaction;
        Signature = signature;
        _raw = raw;
        _hash = Keccak256.Hash(raw);
        Sender = sender;
    }

    /// <summary>The unsigned fields: a <see cref="LegacyTransaction"/> or an <see cref="Eip1559Transaction"/>.</summary>
    public UnsignedTransaction Transaction { get; }

    public EthSignature Signature { get; }

    /// <summary>The account that signed (recovered from the signature when decoded).</summary>
    public EthAddress Sender { get; }

    /// <summary>The raw signed bytes, as sent with <c>eth_sendRawTransaction</c>.</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    /// <summary>The transaction hash: keccak256 of <see cref="Raw"/>.</summary>
    public ReadOnlySpan<byte> Hash => _hash;

    /// <summary><see cref="Raw"/> as 0x-prefixed lowercase hex.</summary>
    public string RawHex => Hex.Encode(_raw);

    /// <summary><see cref="Hash"/> as 0x-prefixed lowercase hex.</summary>
    public string HashHex => Hex.Encode(_hash);

    /// <summary>
    /// Decodes raw signed bytes of a legacy EIP-155 or an EIP-1559 transaction and recovers the sender.
    /// Strict: canonical RLP only, low s (EIP-2), no trailing bytes; other types and unprotected legacy
    /// transactions are refused. Throws <see cref="FormatException"/>.
    /// </summary>
    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            throw new FormatException("empty transaction");
        }
        (UnsignedTransaction Transaction, EthSignature Signature) decoded;
        byte[] signingHash;
        try
        {
            decoded = raw[0] switch
            {
                >= 0xc0 => LegacyTransaction.DecodeSigned(RlpCodec.Decode(raw)),
                Eip1559Transaction.TypeByte => Eip1559Transaction.DecodeSigned(RlpCodec.Decode(raw[1..])),
                var type => throw new FormatException($"transaction type 0x{type:x2} is not supported"),
            };
            signingHash = decoded.Transaction.SigningHash(); // also checks fields (e.g. priority fee above max fee)
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"invalid transaction: {e.Message}", e);
        }
        if (!decoded.Signature.IsLowS)
        {
            throw new FormatException("signature s is in the upper half of the order (EIP-2)");
        }
        var sender = Secp256k1.RecoverAddress(signingHash, decoded.Signature);
        var reencoded = decoded.Transaction.Encode(decoded.Signature);
        if (!reencoded.AsSpan().SequenceEqual(raw))
        {
            throw new FormatException("the transaction is not in canonical form");
        }
        return new SignedTransaction(decoded.Transaction, decoded.Signature, reencoded, sender);
    }
}
