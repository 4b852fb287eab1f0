using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace StratosBridge.Fiat.Accounts;

/// <summary>
/// API keys of business accounts: <c>sbk_</c> followed by 32 random bytes in base64url without padding (43 characters).
/// The key is shown once; the ledger keeps its <see cref="Sha256"/> (a key has 256 random bits, so a plain digest is
/// enough: nothing to guess) and its <see cref="Prefix"/>, the first 12 characters, which names it in lists and logs
/// and is not secret.
/// </summary>
public static class ApiKeys
{
    /// <summary>What every key starts with, so a key is recognisable (and findable by secret scanners).</summary>
    public const string Marker = "sbk_";

    /// <summary>Random bytes in a key.</summary>
    public const int SecretBytes = 32;

    /// <summary>Characters of a key: the marker and 43 base64url characters.</summary>
    public const int Length = 47;

    /// <summary>Characters of <see cref="Prefix"/>: the marker and 8 characters (48 bits) of the secret.</summary>
    public const int PrefixLength = 12;

    /// <summary>A new key from the system's cryptographic random number generator.</summary>
    public static string Generate()
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var key = Marker + Base64Url.EncodeToString(secret);
        CryptographicOperations.ZeroMemory(secret);
        return key;
    }

    /// <summary>The first <see cref="PrefixLength"/> characters of <paramref name="key"/>, which must look like a key.</summary>
    public static string Prefix(string key)
    {
        if (!LooksLikeKey(key))
        {
            throw new ArgumentException($"not an API key ({Marker} and {Length - Marker.Length} base64url characters)", nameof(key));
        }
        return key[..PrefixLength];
    }

    /// <summary>The SHA-256 of the key's UTF-8 bytes (what the ledger stores and looks keys up by).</summary>
    public static byte[] Sha256(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>
    /// True when <paramref name="text"/> has the shape of a key: the marker and 43 base64url characters. It says nothing of
    /// whether the key exists; it spares the ledger a lookup for what cannot be one.
    /// </summary>
    public static bool LooksLikeKey(string? text)
    {
        if (text is not { Length: Length } || !text.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in text.AsSpan(Marker.Length))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }
}
