using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace StratosBridge.Chains.Evm.Signing;

/// <summary>
/// A secp256k1 private key that signs 32-byte hashes the Ethereum way: RFC 6979 deterministic nonce
/// (HMAC-SHA256), low s (EIP-2), and the recovery id. <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class EthKey
{
    private readonly BcBigInteger _d;
    private readonly ECPrivateKeyParameters _parameters;
    private readonly byte[] _publicKey;

    private EthKey(BcBigInteger d)
    {
        _d = d;
        _parameters = new ECPrivateKeyParameters(d, Secp256k1.Domain);
        _publicKey = Secp256k1.PublicPoint(d).GetEncoded(false)[1..];
        Address = EthAddress.FromPublicKey(_publicKey);
    }

    /// <summary>The uncompressed public key without its 0x04 prefix: X (32) ‖ Y (32).</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The account address of this key.</summary>
    public EthAddress Address { get; }

    /// <summary>A key from 32 big-endian bytes; the value must lie in [1, n−1].</summary>
    public static EthKey FromBytes(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException("a private key is 32 bytes", nameof(privateKey));
        }
        var d = new BcBigInteger(1, privateKey.ToArray());
        if (d.SignValue == 0 || d.CompareTo(Secp256k1.Domain.N) >= 0)
        {
            throw new ArgumentException("the private key is not in [1, n-1]", nameof(privateKey));
        }
        return new EthKey(d);
    }

    /// <summary>A key from 64 hex digits, with or without "0x".</summary>
    public static EthKey FromHex(string privateKeyHex)
    {
        if (!Hex.TryDecode(privateKeyHex, out var bytes) || bytes.Length != 32)
        {
            throw new FormatException("a private key is 32 bytes of hex");
        }
        try
        {
            return FromBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>A new random key from the operating system's CSPRNG.</summary>
    public static EthKey Generate()
    {
        var bytes = new byte[32];
        try
        {
            while (true)
            {
                RandomNumberGenerator.Fill(bytes);
                var d = new BcBigInteger(1, bytes);
                if (d.SignValue != 0 && d.CompareTo(Secp256k1.Domain.N) < 0)
                {
                    return new EthKey(d);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Signs a 32-byte hash (it is not hashed again). Deterministic (RFC 6979 with HMAC-SHA256), s normalised to
    /// the lower half of the order, y parity set so that <see cref="Secp256k1.RecoverPublicKey"/> gives this key.
    /// </summary>
    public EthSignature Sign(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32)
        {
            throw new ArgumentException("sign a 32-byte hash", nameof(hash));
        }
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, _parameters);
        var rs = signer.GenerateSignature(hash.ToArray());
        var r = Secp256k1.ToNumerics(rs[0]);
        var s = Secp256k1.ToNumerics(rs[1]);
        if (s > Secp256k1.HalfOrder)
        {
            s = Secp256k1.Order - s;
        }
        var expected = Secp256k1.PublicPoint(_d);
        for (var recoveryId = 0; recoveryId < 4; recoveryId++)
        {
            var candidate = Secp256k1.Recover(hash, r, s, recoveryId);
            if (candidate is not null && candidate.Equals(expected))
            {
                if (recoveryId > 1)
                {
                    // r was reduced mod n (x ≥ n, probability ~2^-128): Ethereum's v cannot express that
                    throw new CryptographicException("signature with an overflowed r cannot be expressed with v");
                }
                return new EthSignature(r, s, recoveryId);
            }
        }
        throw new CryptographicException("could not determine the recovery id of a fresh signature");
    }

    public override string ToString() => $"EthKey({Address})";
}
