using System.Diagnostics.CodeAnalysis;

namespace StratosBridge.Chains.Solana;

/// <summary>
/// A transaction signature: 64 bytes (Ed25519), written in base58. The first signature of a transaction is its id
/// (what getTransaction and getSignaturesForAddress use). A value type: equal when the bytes are equal.
/// </summary>
public readonly record struct SolanaSignature
{
    public const int Size = 64;

    // The two 32-byte halves (R and S of the Ed25519 signature).
    private readonly SolanaPublicKey _r;
    private readonly SolanaPublicKey _s;

    public SolanaSignature(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a Solana signature is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }
        _r = new SolanaPublicKey(bytes[..SolanaPublicKey.Size]);
        _s = new SolanaPublicKey(bytes[SolanaPublicKey.Size..]);
    }

    /// <summary>Parses base58; anything that is not exactly 64 bytes of base58 throws <see cref="FormatException"/> saying why.</summary>
    public static SolanaSignature Parse(string text) =>
        TryParse(text, out var signature, out var error) ? signature : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, out SolanaSignature signature) =>
        TryParse(text, out signature, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out SolanaSignature signature, out string? error)
    {
        var bytes = SolanaBase58.TryDecode(text, Size, "Solana signature", out error);
        signature = bytes is null ? default : new SolanaSignature(bytes);
        return bytes is not null;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        _r.CopyTo(bytes);
        _s.CopyTo(bytes.AsSpan(SolanaPublicKey.Size));
        return bytes;
    }

    /// <summary>The base58 form.</summary>
    public override string ToString() => SolanaBase58.Encode(ToArray());
}
