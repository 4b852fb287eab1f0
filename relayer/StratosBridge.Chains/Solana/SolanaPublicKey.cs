using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace StratosBridge.Chains.Solana;

/// <summary>
/// A Solana account address: 32 bytes, written in base58 (an Ed25519 public key, or any 32 bytes for a program-derived
/// address or a Solana Pay reference). A value type: equal when the bytes are equal; <c>default</c> is the system
/// program's address (32 zero bytes).
/// </summary>
public readonly record struct SolanaPublicKey
{
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    public SolanaPublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a Solana public key is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }
        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>The system program, 11111111111111111111111111111111.</summary>
    public static SolanaPublicKey SystemProgram => default;

    /// <summary>The SPL memo program (v3) that Solana Pay's <c>memo</c> uses.</summary>
    public static SolanaPublicKey MemoProgram { get; } = Parse("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");

    /// <summary>Parses base58; anything that is not exactly 32 bytes of base58 throws <see cref="FormatException"/> saying why.</summary>
    public static SolanaPublicKey Parse(string text) =>
        TryParse(text, out var key, out var error) ? key : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, out SolanaPublicKey key) => TryParse(text, out key, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out SolanaPublicKey key, out string? error)
    {
        var bytes = SolanaBase58.TryDecode(text, Size, "Solana public key", out error);
        key = bytes is null ? default : new SolanaPublicKey(bytes);
        return bytes is not null;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The base58 form.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return SolanaBase58.Encode(bytes);
    }
}
