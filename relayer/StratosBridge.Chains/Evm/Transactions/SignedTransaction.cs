using System.Numerics;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Util;

namespace StratosBridge.Chains.Evm.Transactions;

/// <summary>
/// A signed EIP-1559 transaction: the exact raw bytes to persist and (re-)broadcast, its hash (keccak of the raw
/// bytes, what nodes and explorers show) and its sender. Made by <see cref="Eip1559Transaction.Sign"/>, or read back
/// from the ledger by <see cref="Decode"/> (Nethereum's <see cref="TransactionFactory"/> and sender recovery).
/// </summary>
public sealed class SignedTransaction
{
    /// <summary>n / 2 of secp256k1: a transaction signature's s must not exceed it (EIP-2).</summary>
    private static readonly BigInteger HalfOrder =
        BigInteger.Parse("07FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber,
            System.Globalization.CultureInfo.InvariantCulture);

    private readonly byte[] _raw;
    private readonly byte[] _hash;

    internal SignedTransaction(Eip1559Transaction transaction, byte[] raw, EthAddress sender)
    {
        Transaction = transaction;
        _raw = raw;
        _hash = Sha3Keccack.Current.CalculateHash(raw);
        Sender = sender;
    }

    /// <summary>The signed fields.</summary>
    public Eip1559Transaction Transaction { get; }

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
    /// Decodes the raw bytes of a signed EIP-1559 transaction (the only kind the relayer signs and stores) and recovers
    /// the sender. Strict: no access list, low s (EIP-2), and the bytes must be exactly what Nethereum re-encodes (no
    /// trailing bytes, canonical RLP). Throws <see cref="FormatException"/>.
    /// </summary>
    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty || raw[0] != 0x02)
        {
            throw new FormatException(raw.IsEmpty ? "empty transaction" : $"transaction type 0x{raw[0]:x2} is not supported (EIP-1559 only)");
        }
        try
        {
            var decoded = (Transaction1559)TransactionFactory.CreateTransaction(raw.ToArray());
            if (decoded.Signature?.R is null || decoded.Signature.S is null)
            {
                throw new FormatException("the transaction is not signed");
            }
            if (new BigInteger(decoded.Signature.S, isUnsigned: true, isBigEndian: true) > HalfOrder)
            {
                throw new FormatException("signature s is in the upper half of the order (EIP-2)");
            }
            // encoded afresh from the decoded fields (the decoded object may keep the bytes it was read from)
            var reencoded = new Transaction1559(decoded.ChainId, decoded.Nonce ?? 0, decoded.MaxPriorityFeePerGas ?? 0, decoded.MaxFeePerGas ?? 0,
                decoded.GasLimit ?? 0, decoded.ReceiverAddress, decoded.Amount ?? 0, decoded.Data, decoded.AccessList ?? [],
                new Signature(decoded.Signature.R, decoded.Signature.S, decoded.Signature.V)).GetRLPEncoded();
            if (!reencoded.AsSpan().SequenceEqual(raw))
            {
                throw new FormatException("the transaction is not in canonical form");
            }
            if (decoded.AccessList is { Count: > 0 })
            {
                throw new FormatException("the transaction has an access list (the relayer never signs one)");
            }
            var transaction = new Eip1559Transaction
            {
                ChainId = checked((ulong)decoded.ChainId),
                Nonce = checked((ulong)(decoded.Nonce ?? 0)),
                MaxPriorityFeePerGas = decoded.MaxPriorityFeePerGas ?? 0,
                MaxFeePerGas = decoded.MaxFeePerGas ?? 0,
                GasLimit = checked((ulong)(decoded.GasLimit ?? 0)),
                To = string.IsNullOrEmpty(decoded.ReceiverAddress) || decoded.ReceiverAddress == "0x"
                    ? null
                    : EthAddress.Parse(decoded.ReceiverAddress.ToLowerInvariant()),
                Value = decoded.Amount ?? 0,
                Data = string.IsNullOrEmpty(decoded.Data) ? [] : Hex.Decode(decoded.Data),
            };
            var sender = EthAddress.Parse(TransactionVerificationAndRecovery.GetSenderAddress(decoded).ToLowerInvariant());
            return new SignedTransaction(transaction, raw.ToArray(), sender);
        }
        catch (Exception e) when (e is not FormatException and not OutOfMemoryException)
        {
            // Nethereum's RLP reader and recovery throw a variety of exceptions on malformed input
            throw new FormatException($"invalid transaction: {e.Message}", e);
        }
    }
}
